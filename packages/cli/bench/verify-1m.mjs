// Benchmark of the CLI's streaming verification. It writes a CHAIN log of 1,000,000 entries as
// JSON Lines to a temporary directory and verifies it in a fresh Node process. Then it prints
// the elapsed time and the peak memory of that process next to the file size.
//
// Run after building core and cli:   node bench/verify-1m.mjs [--entries N] [--trails N] [--keep]
// Not part of the test run: its numbers depend on the machine.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const MB = 1024 * 1024;

if (process.argv[2] === '--child') {
  await verifyInChild(process.argv[3]);
} else {
  await runBenchmark();
}

async function runBenchmark() {
  const { values } = parseArgs({
    options: { entries: { type: 'string', default: '1000000' }, trails: { type: 'string', default: '10' }, keep: { type: 'boolean' } },
  });
  const entries = Number(values.entries);
  const trails = Number(values.trails);
  const dir = mkdtempSync(join(tmpdir(), 'auditgate-bench-'));
  const file = join(dir, 'chain.jsonl');

  try {
    const writeStart = performance.now();
    await writeChain(file, entries, trails);
    const writeSeconds = (performance.now() - writeStart) / 1000;
    const bytes = statSync(file).size;

    // A fresh process, so that the peak memory is the verifier's alone and not the writer's.
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`verification process failed with status ${child.status}: ${child.stderr}`);
    const result = JSON.parse(child.stdout);

    console.log(`node ${process.version} on ${process.platform}/${process.arch}`);
    console.log(`log:      ${entries.toLocaleString('en-US')} CHAIN entries in ${trails} trails, ${(bytes / MB).toFixed(1)} MB of JSON Lines (written in ${writeSeconds.toFixed(1)} s)`);
    console.log(`verify:   ${result.seconds.toFixed(2)} s, ${Math.round(entries / result.seconds).toLocaleString('en-US')} entries/s, exit status ${result.status}, valid=${result.valid}`);
    console.log(`memory:   peak RSS ${(result.maxRssBytes / MB).toFixed(1)} MB (RSS before verifying ${(result.startRssBytes / MB).toFixed(1)} MB), ${((100 * result.maxRssBytes) / bytes).toFixed(1)}% of the file size`);
    console.log(`heap:     peak heapUsed sampled every 50 ms ${(result.maxHeapBytes / MB).toFixed(1)} MB`);
    if (values.keep) console.log(`kept:     ${file}`);
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

async function writeChain(file, entries, trailCount) {
  const { hashEntry, serializeEntry } = await import('@auditgate/core');
  const out = createWriteStream(file);
  const trails = Array.from({ length: trailCount }, (_, i) => ({ name: `bench:actiongate@user:${i}`, sequence: 0, hash: null }));
  let chunk = '';

  for (let i = 0; i < entries; i++) {
    const trail = trails[i % trailCount];
    const ts = 1_700_000_000 + i / 1000;
    const hashed = {
      trail: trail.name,
      ts,
      verdict: i % 7 === 0 ? 'BLOCK' : 'ALLOW',
      severity: 'INFO',
      gateType: 'actiongate',
      gateIdentity: `bench:refund@user:${i % trailCount}`,
      reason: i % 7 === 0 ? 'RATE_LIMIT' : null,
      detail: { calls: i % 100, amount: 12.5, note: 'benchmark entry' },
      sequence: trail.sequence,
      prevHash: trail.hash,
    };
    const entryHash = hashEntry(hashed);
    chunk += `${serializeEntry({ schemaVersion: '0.1.1', ...hashed, wallTs: new Date(ts * 1000).toISOString(), recordedBy: 'bench', entryHash })}\n`;
    trail.sequence++;
    trail.hash = entryHash;

    if (chunk.length >= MB) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

async function verifyInChild(file) {
  const { main } = await import('../dist/index.js');
  const discard = { write: () => true, isTTY: false };
  let report = '';
  const capture = {
    write: (text) => {
      report += text;
      return true;
    },
    isTTY: false,
  };
  let maxHeapBytes = 0;
  const sampler = setInterval(() => {
    maxHeapBytes = Math.max(maxHeapBytes, process.memoryUsage().heapUsed);
  }, 50);

  const startRssBytes = process.memoryUsage().rss;
  const start = performance.now();
  const status = await main(['verify', '--json', file], { stdout: capture, stderr: discard });
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);

  // resourceUsage().maxRSS is in kilobytes.
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  const valid = JSON.parse(report).valid;
  process.stdout.write(JSON.stringify({ status, valid, seconds, startRssBytes, maxRssBytes, maxHeapBytes }));
}
