import { parseLosslessJson, type JsonObject } from '@auditgate/core';
import { describe, expect, it } from 'vitest';
import { tempFiles, vectorLines } from '../testing/logs.js';
import { runCli } from '../testing/run-cli.js';

const files = tempFiles();

/**
 * Rebuilds the three-entry chain of the shared vectors as Python would export it. Each entry's
 * text is cut from the vector line unchanged, so Python's spellings (`100.0`, `1e-05`, `1e+16`,
 * `\u00eb`, a 20-digit int) reach the verifier exactly as Python wrote them.
 */
function pythonChainLines(): string[] {
  const chain = vectorLines().filter((line) => line.includes('"name":"chain3-'));
  return chain.map((line) => {
    const vector = parseLosslessJson(line) as JsonObject;
    const entryText = line.slice(line.indexOf('"entry":') + '"entry":'.length, line.lastIndexOf(',"prev_hash":'));
    const prevHash = vector.prev_hash === null ? 'null' : `"${vector.prev_hash as string}"`;
    return `{"schema_version": "0.1.1", "wall_ts": "1970-01-01T00:01:40+00:00", "recorded_by": "py-agent", "entry_hash": "${vector.hash as string}", "prev_hash": ${prevHash}, ${entryText.slice(1)}`;
  });
}

describe('verify on logs written by Python', () => {
  const lines = pythonChainLines();

  it('keeps the spellings under test in the file', () => {
    const text = lines.join('\n');

    expect(lines).toHaveLength(3);
    for (const spelling of ['"ts":100.0', '1e-05', '1e+16', '18446744073709551617', '\\u00eb', '\\ud83d\\ude00']) {
      expect(text).toContain(spelling);
    }
  });

  it('accepts the chain as JSON Lines', async () => {
    const result = await runCli(['verify', files.write('python.jsonl', `${lines.join('\n')}\n`)]);

    expect(result.stdout).toContain('pay:charge@user:7: 3 entries, sequences 0-2, CHAIN: ok');
    expect(result.status).toBe(0);
  });

  it('accepts the chain as a JSON array export', async () => {
    const result = await runCli(['verify', files.write('python.json', `[\n  ${lines.join(',\n  ')}\n]\n`)]);

    expect(result.status).toBe(0);
  });

  it('reports a float rewritten as an int', async () => {
    const edited = lines.map((line) => line.replace('"ts":100.0', '"ts":100'));
    const result = await runCli(['verify', '--json', files.write('python-int.jsonl', edited.join('\n'))]);
    const report = JSON.parse(result.stdout) as { findings: Array<{ kind: string; sequence: number }> };

    expect(result.status).toBe(1);
    expect(report.findings.map((finding) => [finding.kind, finding.sequence])).toEqual([['hash_mismatch', 0]]);
  });

  it('reports a big int rounded to a double', async () => {
    const edited = lines.map((line) => line.replace('18446744073709551617', '18446744073709552000'));
    const result = await runCli(['verify', '--json', files.write('python-rounded.jsonl', edited.join('\n'))]);
    const report = JSON.parse(result.stdout) as { findings: Array<{ kind: string; sequence: number }> };

    expect(report.findings.map((finding) => [finding.kind, finding.sequence])).toEqual([['hash_mismatch', 2]]);
  });
});
