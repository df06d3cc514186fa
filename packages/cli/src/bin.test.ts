import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeEntry } from '@auditgate/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordCheckpointedLog } from './testing/checkpointed-log.js';
import { BILLING, recordLog, tempFiles } from './testing/logs.js';

// The built command, as `pnpm auditgate` runs it; the package's build must run before its tests.
const BIN = join(dirname(fileURLToPath(import.meta.url)), '../dist/bin.js');
const files = tempFiles();
let lines: string[];

function auditgate(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing; run \`pnpm exec tsup\` in packages/cli first`);
  lines = (await recordLog(3)).map((entry) => serializeEntry(entry));
});

describe('the built auditgate command', () => {
  it('exits 0 for a valid log', () => {
    const result = auditgate('verify', files.write('valid.jsonl', lines.join('\n')));

    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('VALID: 6 entries in 2 trails from 1 file');
    expect(result.status).toBe(0);
  });

  it('exits 1 for a tampered log, without colour on a pipe', () => {
    const tampered = lines.map((line, i) => (i === 2 ? line.replace('"verdict":"BLOCK"', '"verdict":"ALLOW"') : line));
    const result = auditgate('verify', files.write('tampered.jsonl', tampered.join('\n')));

    expect(result.stdout).toContain('hash_mismatch');
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.status).toBe(1);
  });

  it('exits 2 for unreadable input', () => {
    const result = auditgate('verify', files.write('broken.jsonl', `{"trail": }\n${lines[0]!}`));

    expect(result.stderr).toContain('broken.jsonl:1:11: line 1 is not valid JSON');
    expect(result.status).toBe(2);
  });

  it('exits 1 for a broken line after the first', () => {
    const result = auditgate('verify', files.write('broken-later.jsonl', `${lines[0]!}\n{"trail"\n${lines[1]!}`));

    expect(result.stdout).toContain('broken-later.jsonl:2: malformed: line is not valid JSON at column 9');
    expect(result.status).toBe(1);
  });

  it('reports deep nesting without a stack trace', () => {
    const deep = `${'['.repeat(4000)}${']'.repeat(4000)}`;
    const later = auditgate('verify', files.write('deep.jsonl', `${lines[0]!}\n${deep}\n${lines[1]!}`));
    const first = auditgate('verify', files.write('deep-first.jsonl', `${deep}\n${lines[0]!}`));

    expect(later.stdout).toContain('deep.jsonl:2: malformed: ');
    expect(later.stderr).toBe('');
    expect(later.status).toBe(1);
    expect(first.stderr).toMatch(/^auditgate verify: \S*deep-first\.jsonl(:\d+:\d+)?: invalid JSON: .*deep/);
    expect(first.stderr).not.toContain('unexpected error');
    expect(first.status).toBe(2);
  });

  it('prints its version', () => {
    const result = auditgate('--version');

    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
    expect(result.status).toBe(0);
  });

  it('exits 2 for a usage error', () => {
    expect(auditgate('frobnicate').status).toBe(2);
  });
});

describe('the built auditgate command with checkpoints', () => {
  it('signs, verifies and proves through the binary', async () => {
    const key = join(files.dir, 'bin.key');
    const keygen = auditgate('keygen', '--out', key, '--json');
    const log = await recordCheckpointedLog(files.dir, 'bin', key);
    const logFile = files.write('bin-log.jsonl', `${log.lines.join('\n')}\n`);
    const flags = ['--checkpoints', log.checkpointsFile, '--public-key', `${key}.pub`];
    const tampered = files.write('bin-tampered.jsonl', log.lines.map((line, i) => (i === 4 ? line.replace('"recorded_by":"cli-test"', '"recorded_by":"intruder"') : line)).join('\n'));

    const valid = auditgate('verify', ...flags, logFile);
    const invalid = auditgate('verify', ...flags, tampered);
    const uncovered = auditgate('prove', logFile, ...flags, '--trail', BILLING, '--sequence', '10');

    expect(keygen.status).toBe(0);
    expect(JSON.parse(keygen.stdout)).toMatchObject({ privateKeyPath: key, publicKeyPath: `${key}.pub` });
    expect(valid.stdout).toContain('VALID: 16 entries in 2 trails from 1 file, against 5 checkpoints from 1 file');
    expect(valid.status).toBe(0);
    expect(invalid.stdout).toContain('root_mismatch');
    expect(invalid.status).toBe(1);
    expect(uncovered.stderr).toContain('is not covered by any valid checkpoint');
    expect(uncovered.status).toBe(1);
  });
});
