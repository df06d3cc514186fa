import { serializeEntry } from '@auditgate/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BILLING, recordLog, tempFiles } from '../testing/logs.js';
import { runCli } from '../testing/run-cli.js';

const files = tempFiles();
let lines: string[];

interface Report {
  valid: boolean;
  entryCount: number;
  findingCount: number;
  omittedFindings: number;
  findings: Array<{ kind: string; trail: string | null; location: { file: string; line: number } | null; message: string }>;
  trails: Array<{ trail: string; entries: number; findings: unknown[] }>;
}

beforeAll(async () => {
  lines = (await recordLog(2)).map((entry) => serializeEntry(entry));
});

async function verifyJson(name: string, text: string, ...flags: string[]) {
  const path = files.write(name, text);
  const result = await runCli(['verify', '--json', ...flags, path]);
  return { ...result, path, report: JSON.parse(result.stdout) as Report };
}

function withLine(index: number, line: string): string {
  return `${[...lines.slice(0, index), line, ...lines.slice(index)].join('\n')}\n`;
}

describe('verify on lines that are not JSON', () => {
  it('reports the line as malformed and goes on', async () => {
    const { status, path, report } = await verifyJson('not-json.jsonl', withLine(2, 'not json'));

    expect(status).toBe(1);
    expect(report.findings).toEqual([
      { kind: 'malformed', trail: null, sequence: null, location: { file: path, line: 3 }, message: 'line is not valid JSON at column 1: expected a JSON value, found "not json"' },
    ]);
    expect(report.entryCount).toBe(5);
    expect(report.trails.map((trail) => [trail.entries, trail.findings.length])).toEqual([[2, 0], [2, 0]]);
  });

  it('prints the finding with file and line', async () => {
    const path = files.write('not-json-text.jsonl', withLine(1, '{"trail": oops}'));
    const result = await runCli(['verify', path]);

    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`findings outside any trail:\n  ${path}:2: malformed: line is not valid JSON at column 11: expected a JSON value, found "oops}"\n`);
    expect(result.stdout).toContain('INVALID: 1 finding; 5 entries in 2 trails from 1 file');
  });

  it('keeps findings in the order of their lines', async () => {
    const tampered = lines[2]!.replace('"verdict":"BLOCK"', '"verdict":"ALLOW"');
    expect(tampered).not.toBe(lines[2]);
    const text = `${[lines[0], 'oops', lines[1], tampered, '{"a":', lines[3]].join('\n')}\n`;
    const { report } = await verifyJson('ordered.jsonl', text);

    expect(report.findings.map((finding) => [finding.kind, finding.location?.line])).toEqual([
      ['malformed', 2],
      ['hash_mismatch', 4],
      ['malformed', 5],
    ]);
  });

  it('counts findings past --max-findings', async () => {
    const text = `${[lines[0], 'oops', 'oops again', lines[1]].join('\n')}\n`;
    const { report } = await verifyJson('capped.jsonl', text, '--max-findings', '1');
    const printed = await runCli(['verify', '--max-findings', '1', files.write('capped-text.jsonl', text)]);

    expect(report.findingCount).toBe(2);
    expect(report.findings.map((finding) => finding.location?.line)).toEqual([2]);
    expect(report.omittedFindings).toBe(1);
    expect(printed.stdout).toContain('...and 1 more finding; raise --max-findings to list them');
  });

  it('reports deeply nested arrays as malformed', async () => {
    const deep = `${'['.repeat(4000)}${']'.repeat(4000)}`;
    const result = await verifyJson('deep.jsonl', withLine(2, deep));
    const inField = await verifyJson('deep-field.jsonl', withLine(2, `{"detail":${deep}}`));

    for (const { status, stderr, report } of [result, inField]) {
      expect(status).toBe(1);
      expect(stderr).toBe('');
      expect(report.findings.map((finding) => [finding.kind, finding.location?.line])).toEqual([['malformed', 3]]);
      expect(report.findings[0]!.message).toMatch(/deep/);
    }
  });

  it('rejects a deeply nested first line', async () => {
    const path = files.write('deep-first.jsonl', `{"detail":${'['.repeat(4000)}${']'.repeat(4000)}}\n${lines[0]}\n`);
    const result = await runCli(['verify', path]);

    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^auditgate verify: ${path}:1(:\\d+)?: line 1 is not valid JSON: .*deep`));
    expect(result.stderr).not.toContain('unexpected error');
  });

  it('rejects a deeply nested JSON array', async () => {
    const path = files.write('deep.json', `[\n${lines[0]},\n${'['.repeat(4000)}${']'.repeat(4000)}\n]\n`);
    const result = await runCli(['verify', path]);

    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^auditgate verify: ${path}(:\\d+:\\d+)?: invalid JSON: .*deep`));
    expect(result.stderr).not.toContain('unexpected error');
  });

  it('still rejects a file that is not JSON Lines', async () => {
    const path = files.write('notes.txt', `not json\n${lines[0]}\n`);
    const result = await runCli(['verify', path]);

    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^auditgate verify: ${path}:1:1: invalid JSON: expected a JSON value, found "not json`));
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('verify flags', () => {
  it('rejects --require-integrity NONE', async () => {
    const result = await runCli(['verify', '--require-integrity', 'none', files.write('log.jsonl', lines.join('\n'))]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--require-integrity "none" is not HASH or CHAIN');
  });

  it('accepts --require-integrity in any case', async () => {
    const result = await runCli(['verify', '--require-integrity', 'chain', files.write('log.jsonl', lines.join('\n'))]);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${BILLING}: 2 entries`);
  });
});
