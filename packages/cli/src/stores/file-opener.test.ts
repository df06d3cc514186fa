import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '@auditgate/core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../testing/run-cli.js';
import { ENTRIES_SUFFIX, encodeTrailStem, FileStore } from '@auditgate/store-file';
import { absoluteFileUrl } from './file-opener.js';

const TRAIL = 'billing:actiongate@user:1';

/** Records `count` CHAIN entries of one trail into a new file store under `dir`/audit. */
async function recordFileStore(dir: string, count: number): Promise<string> {
  const store = await FileStore.open(join(dir, 'audit'));
  const engine = new Engine({ store, defaultPolicy: { integrity: 'CHAIN' } });
  for (let i = 0; i < count; i++) await engine.record({ trail: TRAIL, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'billing:refund@user:1' });
  await engine.close();
  return join(dir, 'audit', encodeTrailStem(TRAIL) + ENTRIES_SUFFIX);
}

function tempDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'auditgate-file-store-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('absoluteFileUrl', () => {
  it('resolves a relative path against the working directory', () => {
    expect(absoluteFileUrl('file:logs/audit', '/srv/app')).toBe('file:///srv/app/logs/audit');
  });

  it('keeps query parameters and escapes the path', () => {
    expect(absoluteFileUrl('file:my%20logs?durability=none', '/srv')).toBe('file:///srv/my%20logs?durability=none');
  });

  it('leaves an absolute file URL alone', () => {
    expect(absoluteFileUrl('file:///var/audit?readOnly=true', '/srv')).toBe('file:///var/audit?readOnly=true');
  });
});

describe('file: store URLs', () => {
  it('exports a file store that verify accepts', async () => {
    const dir = tempDirectory();
    await recordFileStore(dir, 3);

    const exported = await runCli(['export', '--store', 'file:audit', '--out', 'export.json'], { cwd: dir });
    expect(exported.stderr).toBe(`wrote 3 entries of 1 trail to export.json as a JSON array\n`);
    expect((await runCli(['verify', 'export.json'], { cwd: dir })).status).toBe(0);
  });

  it('counts one entry in the singular', async () => {
    const dir = tempDirectory();
    await recordFileStore(dir, 1);

    const exported = await runCli(['export', '--store', 'file:audit', '--out', 'export.jsonl'], { cwd: dir });
    expect(exported.stderr).toBe(`wrote 1 entry of 1 trail to export.jsonl as JSON Lines\n`);
  });

  it('names the corrupt line of a store file', async () => {
    const dir = tempDirectory();
    const file = await recordFileStore(dir, 3);
    const lines = readFileSync(file, 'latin1').split('\n');
    lines[1] = lines[1]!.replace('"verdict":"ALLOW"', '"verdict":"MAYBE"');
    writeFileSync(file, lines.join('\n'), 'latin1');

    const exported = await runCli(['export', '--store', 'file:audit'], { cwd: dir });
    const json = await runCli(['export', '--store', 'file:audit', '--json'], { cwd: dir });

    expect(exported.status).toBe(2);
    expect(exported.stdout).toBe('');
    expect(exported.stderr).toMatch(/^auditgate export: STORE_CORRUPT: .*billing%3Aactiongate%40user%3A1\.jsonl, line 2: the line is not a valid entry/);
    expect(exported.stderr).toContain('verdict');
    expect(exported.stderr).not.toContain('unexpected error');
    expect(exported.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout).error.code).toBe('STORE_CORRUPT');
  });
});
