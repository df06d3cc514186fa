import { readFileSync } from 'node:fs';
import { serializeEntry } from '@auditgate/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordLog, tempFiles } from '../testing/logs.js';
import { runCli } from '../testing/run-cli.js';

const files = tempFiles();
let lines: string[];

beforeAll(async () => {
  lines = (await recordLog(2)).map((entry) => serializeEntry(entry));
});

describe('verify on unreadable input', () => {
  it('rejects text that is not JSON', async () => {
    const path = files.write('notes.txt', 'audit entries follow\n');
    const result = await runCli(['verify', path]);

    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`auditgate verify: ${path}:1:1: invalid JSON: expected a JSON value, found "audit entrie`);
  });

  it('reports a broken later line of JSON Lines as a finding', async () => {
    const broken = [...lines.slice(0, 2), lines[2]!.slice(0, 40), lines[3]!];
    const path = files.write('broken.jsonl', broken.join('\n'));
    const result = await runCli(['verify', path]);

    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(new RegExp(`${path}:3: malformed: line is not valid JSON at column \\d+: `));
  });

  it('names a broken first line of JSON Lines', async () => {
    const path = files.write('broken-first.jsonl', `{"trail": }\n${lines[0]!}\n`);
    const result = await runCli(['verify', path]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${path}:1:11: line 1 is not valid JSON: expected a JSON value`);
  });

  it('names the position of an error in a JSON array', async () => {
    const path = files.write('broken.json', `[\n  ${lines[0]!},\n  ${lines[1]!}\n  ${lines[2]!}\n]`);
    const result = await runCli(['verify', path]);

    expect(result.status).toBe(2);
    // The comma is missing after line 3, so the error points at the start of line 4's element.
    expect(result.stderr).toContain(`${path}:4:3: invalid JSON: expected ',' or ']'`);
  });

  it.each([
    ['a string', '"audit"'],
    ['a number', '42'],
    ['null', 'null'],
  ])('rejects %s at the top level', async (kind, text) => {
    const path = files.write('scalar.json', text);
    const result = await runCli(['verify', path]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${path}: expected a JSON array of entries, one entry object, or JSON Lines, but the file contains`);
    expect(result.stderr).toContain(kind === 'a number' ? 'the number 42' : kind);
  });

  it('rejects a missing file', async () => {
    const result = await runCli(['verify', 'no-such-file.jsonl'], { cwd: files.dir });

    expect(result.status).toBe(2);
    expect(result.stderr).toBe('auditgate verify: no-such-file.jsonl: file not found\n');
  });

  it('rejects a directory', async () => {
    const result = await runCli(['verify', files.dir]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('is a directory');
  });

  it('reports the error as JSON with --json', async () => {
    const result = await runCli(['verify', '--json', 'no-such-file.jsonl'], { cwd: files.dir });

    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ error: { code: 'UNREADABLE_INPUT', message: 'no-such-file.jsonl: file not found' } });
  });
});

describe('command-line usage errors', () => {
  it('requires a FILE', async () => {
    const result = await runCli(['verify']);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('missing FILE');
    expect(result.stderr).toContain("Run 'auditgate verify --help' for usage.");
  });

  it('rejects an unknown flag', async () => {
    const result = await runCli(['verify', '--colour', 'x.jsonl']);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown option '--colour'");
  });

  it('rejects an unknown command', async () => {
    const result = await runCli(['verfy', 'x.jsonl']);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "verfy"; the commands are verify, hash, query, export');
  });

  it('rejects a malformed anchor', async () => {
    const result = await runCli(['verify', '--anchor', 'billing:x@y=abc', 'x.jsonl']);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--anchor "billing:x@y=abc" is not TRAIL=SEQUENCE:HASH');
  });

  it('prints help with an example for every command', async () => {
    for (const command of ['verify', 'hash', 'query', 'export', 'keygen', 'prove', 'check-proof']) {
      const result = await runCli([command, '--help']);

      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`Usage: auditgate ${command}`);
      expect(result.stdout).toContain('Example:');
      expect(result.stdout).toContain('--json');
    }
  });

  it('prints the version', async () => {
    const result = await runCli(['--version']);
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });

  it('prints the top-level help on stderr without a command', async () => {
    const result = await runCli([]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Commands:');
  });
});
