import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '@auditgate/core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../testing/run-cli.js';
import { FileStore } from '@auditgate/store-file';
import { absoluteFileUrl } from './file-opener.js';


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
    const dir = mkdtempSync(join(tmpdir(), 'auditgate-file-store-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const store = await FileStore.open(join(dir, 'audit'));
    const engine = new Engine({ store, defaultPolicy: { integrity: 'CHAIN' } });
    for (let i = 0; i < 3; i++) await engine.record({ trail: 'billing:actiongate@user:1', verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'billing:refund@user:1' });
    await engine.close();

    const exported = await runCli(['export', '--store', 'file:audit', '--out', 'export.json'], { cwd: dir });
    expect(exported.stderr).toBe(`wrote 3 entries of 1 trails to export.json as a JSON array\n`);
    expect((await runCli(['verify', 'export.json'], { cwd: dir })).status).toBe(0);
  });
});
