import { execFile } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { writeKeyPair } from '@auditgate/checkpoint';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUILTIN_SCENARIO } from './builtin-scenario.js';
import { main } from './main.js';
import { runDemo, type DemoRun } from './run.js';
import { renderSummary } from './summary.js';
import { writeExport } from './trail-export.js';
import { loadTrajectories } from './trajectories.js';

const here = dirname(fileURLToPath(import.meta.url));
const shared = process.env.AUDITGATE_SHARED ?? resolve(here, '../../../../shared');
const TRAJECTORIES = join(shared, 'data/tau-bench/gpt-4o-airline.json');
const CLI = resolve(here, '../../../packages/cli/dist/bin.js');
const run = promisify(execFile);

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'demo-test-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function demo(name: string, session = BUILTIN_SCENARIO, input = 'built-in scenario'): Promise<DemoRun> {
  return runDemo({ session, input, storeUrl: `file:${join(scratch, name)}` });
}

describe('demo on the tau-bench trajectories', () => {
  let result: DemoRun;
  beforeAll(async () => {
    expect(existsSync(TRAJECTORIES), `missing ${TRAJECTORIES}; set AUDITGATE_SHARED`).toBe(true);
    result = await demo('tau', await loadTrajectories(TRAJECTORIES), 'tau-bench');
  });

  it('sees all 200 conversations and 1,164 tool calls', () => {
    expect(result.summary.conversations).toBe(200);
    expect(result.summary.toolCalls).toBe(1164);
    expect(result.summary.allowed + result.summary.blocked).toBe(1164);
  });

  it('makes the decisions the policies imply', () => {
    expect(result.summary.decisions).toEqual({
      actiongate: { ALLOW: 390, COOLDOWN: 4, RATE_LIMIT: 83 },
      budgetgate: { ALLOW: 120, BUDGET_EXCEEDED: 14 },
    });
    expect(result.summary.blocked).toBe(83 + 4 + 14);
    expect(result.summary.blockedByTool.cancel_reservation).toBe(35);
  });

  it('records one entry per gate decision, and the trails verify', () => {
    expect(result.summary.entries).toBe(390 + 4 + 83 + 120 + 14);
    expect(result.report.valid).toBe(true);
    expect(result.report.entryCount).toBe(result.summary.entries);
  });

  it('exports trails that auditgate verify accepts', async () => {
    expect(existsSync(CLI), `build the CLI first: ${CLI}`).toBe(true);
    for (const name of ['trails.json', 'trails.jsonl']) {
      const path = join(scratch, name);
      await writeExport(path, result.lines);
      const { stdout } = await run(process.execPath, [CLI, 'verify', '--json', path]);
      const report = JSON.parse(stdout) as { valid: boolean; entryCount: number };
      expect(report.valid).toBe(true);
      expect(report.entryCount).toBe(result.summary.entries);
    }
  });
});

describe('demo with signed checkpoints', () => {
  it('signs checkpoints that cover every trail, and the trails verify against them', async () => {
    const keyFile = join(scratch, 'demo-key');
    const checkpointsOut = join(scratch, 'checkpoints.jsonl');
    await writeKeyPair(keyFile);
    const { summary, checkpoints } = await runDemo({
      session: BUILTIN_SCENARIO,
      input: 'built-in scenario',
      storeUrl: `file:${join(scratch, 'signed')}`,
      signing: { keyFile, checkpointsOut },
    });

    expect(checkpoints?.valid).toBe(true);
    expect(checkpoints?.findingCount).toBe(0);
    expect(summary.verification.checkpoints?.signed).toBeGreaterThanOrEqual(summary.trails);
    expect(readFileSync(checkpointsOut, 'utf8')).not.toContain('PRIVATE KEY');
  });
});

describe('demo checkpoint counts', () => {
  it('counts only the checkpoints of this run', async () => {
    const keyFile = join(scratch, 'count-key');
    const checkpointsOut = join(scratch, 'count-checkpoints.jsonl');
    await writeKeyPair(keyFile);
    const options = { session: BUILTIN_SCENARIO, input: 'built-in scenario', storeUrl: `file:${join(scratch, 'count-store')}`, signing: { keyFile, checkpointsOut } };

    const first = await runDemo(options);
    const linesAfterFirst = lineCount(checkpointsOut);
    const second = await runDemo(options);

    expect(first.summary.verification.checkpoints).toMatchObject({ signed: linesAfterFirst, inFile: linesAfterFirst, valid: true });
    expect(second.summary.verification.checkpoints).toMatchObject({ signed: lineCount(checkpointsOut) - linesAfterFirst, inFile: lineCount(checkpointsOut), valid: true });
    expect(renderSummary(second.summary)).toContain(`checkpoints: ${lineCount(checkpointsOut) - linesAfterFirst} signed in this run, ${lineCount(checkpointsOut)} in the file`);
  });
});

describe('demo output paths', () => {
  let keyFile: string;
  let errors: string[];
  beforeAll(async () => {
    keyFile = join(scratch, 'paths-key');
    await writeKeyPair(keyFile);
  });
  beforeEach(() => {
    errors = [];
    vi.spyOn(console, 'error').mockImplementation((message: unknown) => {
      errors.push(String(message));
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    ['the private key', () => keyFile, 'is the same file as --key'],
    ['the public key', () => `${keyFile}.pub`, 'is the same file as the public key beside --key'],
  ])('rejects --checkpoints naming %s', async (_name, checkpoints, message) => {
    const before = readFileSync(checkpoints(), 'utf8');

    expect(await main(['--key', keyFile, '--checkpoints', checkpoints()])).toBe(2);
    expect(errors.join('\n')).toContain(message);
    expect(readFileSync(checkpoints(), 'utf8')).toBe(before);
  });

  it('rejects --checkpoints linked to --out', async () => {
    const out = join(scratch, 'paths-out.jsonl');
    writeFileSync(out, '');
    const link = join(scratch, 'paths-link.jsonl');
    symlinkSync(out, link);

    expect(await main(['--key', keyFile, '--checkpoints', link, '--out', out])).toBe(2);
    expect(errors.join('\n')).toContain(`--checkpoints ${link} is the same file as --out (${out})`);
  });

  it('rejects --out naming the private key', async () => {
    expect(await main(['--out', keyFile, '--key', keyFile, '--checkpoints', join(scratch, 'paths-unused.jsonl')])).toBe(2);
    expect(errors.join('\n')).toContain('the export would replace it');
  });

  it('rejects checkpoints of an earlier run for a new store', async () => {
    const checkpoints = join(scratch, 'paths-earlier.jsonl');
    writeFileSync(checkpoints, '{}\n');

    expect(await main(['--key', keyFile, '--checkpoints', checkpoints])).toBe(2);
    expect(errors.join('\n')).toContain('already holds checkpoints, but this run writes a new store');
  });
});

function lineCount(path: string): number {
  return readFileSync(path, 'utf8').split('\n').filter((line) => line !== '').length;
}

describe('demo on the built-in scenario', () => {
  it('blocks by rate limit, cooldown and budget', async () => {
    const { summary } = await demo('builtin');
    expect(summary.decisions.actiongate).toMatchObject({ RATE_LIMIT: 3, COOLDOWN: 1 });
    expect(summary.decisions.budgetgate).toMatchObject({ BUDGET_EXCEEDED: 2 });
  });

  it('writes identical trails on every run', async () => {
    const [first, second] = [await demo('again-1'), await demo('again-2')];
    expect(second.lines).toEqual(first.lines);
  });
});
