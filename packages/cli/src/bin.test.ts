import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializeEntry } from '@auditgate/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordLog, tempFiles } from './testing/logs.js';

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
    const result = auditgate('verify', files.write('broken.jsonl', `${lines[0]!}\n{"trail"`));

    expect(result.stderr).toContain('broken.jsonl:2:9: line 2 is not valid JSON');
    expect(result.status).toBe(2);
  });

  it('exits 2 for a usage error', () => {
    expect(auditgate('frobnicate').status).toBe(2);
  });
});
