import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditgateError, parseLosslessJson, serializeEntry, type AuditEntry } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import { beforeAll, describe, expect, it } from 'vitest';
import { StoreRegistry, defaultStoreRegistry } from '../stores/registry.js';
import { BILLING, SEARCH, recordLog, tempFiles } from '../testing/logs.js';
import { runCli } from '../testing/run-cli.js';

const files = tempFiles();
let log: AuditEntry[];

// Each open gets its own store filled with the same entries, because a command closes its store.
const stores = defaultStoreRegistry().register('test', async () => {
  const store = new MemoryStore();
  await recordLog(3, { integrity: 'CHAIN' }, store);
  return store;
});

beforeAll(async () => {
  log = await recordLog(3);
});

function jsonLines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

describe('query', () => {
  it('prints matching entries as JSON Lines', async () => {
    const result = await runCli(['query', '--store', 'test:', '--trail', BILLING, '--verdict', 'BLOCK'], { stores });

    expect(result.status).toBe(0);
    expect(jsonLines(result.stdout)).toEqual(log.filter((entry) => entry.trail === BILLING && entry.verdict === 'BLOCK').map(serializeEntry));
  });

  it('accepts a repeated --verdict and a lowercase severity', async () => {
    const result = await runCli(['query', '--store', 'test:', '--verdict', 'ALLOW', '--verdict', 'block', '--min-severity', 'info'], { stores });

    expect(jsonLines(result.stdout)).toEqual(log.filter((entry) => entry.trail === BILLING).map(serializeEntry));
  });

  it('applies time, gate type, offset and limit', async () => {
    const after = log[1]!.ts;
    const result = await runCli(['query', '--store', 'test:', '--after', String(after), '--gate-type', 'rulegate', '--offset', '1', '--limit', '1'], { stores });
    const expected = log.filter((entry) => entry.ts >= after && entry.gateType === 'rulegate').slice(1, 2);

    expect(jsonLines(result.stdout)).toEqual(expected.map(serializeEntry));
  });

  it('starts a trail at --from-sequence', async () => {
    const result = await runCli(['query', '--store', 'test:', '--trail', BILLING, '--from-sequence', '1'], { stores });

    expect(result.status).toBe(0);
    expect(jsonLines(result.stdout)).toEqual(log.filter((entry) => entry.trail === BILLING && entry.sequence >= 1).map(serializeEntry));
    expect(jsonLines(result.stdout)).toHaveLength(2);
  });

  it('accepts an ISO 8601 date for --before', async () => {
    const result = await runCli(['query', '--store', 'test:', '--before', '2000-01-01T00:00:00Z'], { stores });

    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('prints a JSON array with --json', async () => {
    const result = await runCli(['query', '--store', 'test:', '--trail', SEARCH, '--json'], { stores });
    const entries = parseLosslessJson(result.stdout) as unknown[];

    expect(entries).toHaveLength(3);
  });

  it('rejects a bad filter value, naming the flag', async () => {
    const result = await runCli(['query', '--store', 'test:', '--min-severity', 'LOUD'], { stores });

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--min-severity: invalid value "LOUD"; expected one of DEBUG, INFO, WARN, ERROR, CRITICAL');
  });

  it('rejects a negative limit', async () => {
    const result = await runCli(['query', '--store', 'test:', '--limit=-1'], { stores });

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--limit "-1" is not a whole number >= 0');
  });

  it('requires --store', async () => {
    const result = await runCli(['query']);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('missing --store URL');
  });
});

describe('export', () => {
  it('writes a JSON array file that verify accepts', async () => {
    const out = join(files.dir, 'export.json');
    const result = await runCli(['export', '--store', 'test:', '--out', out], { stores });

    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`wrote 6 entries of 2 trails to ${out} as a JSON array\n`);
    expect((parseLosslessJson(readFileSync(out, 'latin1')) as unknown[]).length).toBe(6);
    expect((await runCli(['verify', out])).status).toBe(0);
  });

  it('writes JSON Lines trail by trail for any other extension', async () => {
    const out = join(files.dir, 'export.jsonl');
    const result = await runCli(['export', '--store', 'test:', '--out', out, '--json'], { stores });

    expect(JSON.parse(result.stdout)).toEqual({ out, format: 'jsonl', entries: 6, trails: 2, anchors: [] });
    const byTrail = [...log].sort((a, b) => {
      if (a.trail !== b.trail) return a.trail < b.trail ? -1 : 1;
      return a.sequence - b.sequence;
    });
    expect(jsonLines(readFileSync(out, 'latin1'))).toEqual(byTrail.map(serializeEntry));
    expect((await runCli(['verify', out])).status).toBe(0);
  });

  it('writes JSON Lines to stdout', async () => {
    const result = await runCli(['export', '--store', 'test:'], { stores });

    expect(jsonLines(result.stdout)).toHaveLength(6);
  });

  it('gives the anchor that verify needs for a pruned trail', async () => {
    const pruned = new StoreRegistry().register('pruned', async () => {
      const store = new MemoryStore();
      await recordLog(3, { integrity: 'CHAIN' }, store);
      await store.prune(BILLING, log[3]!.ts);
      return store;
    });
    const out = join(files.dir, 'pruned.jsonl');
    const result = await runCli(['export', '--store', 'pruned:', '--out', out], { stores: pruned });
    // Billing's entries at sequences 0 and 1 are older than log[3], so the anchor is sequence 1.
    const anchor = log.filter((entry) => entry.trail === BILLING)[1]!;
    const flag = `--anchor '${BILLING}=1:${anchor.entryHash}'`;

    expect(result.stderr).toContain(`note: retention pruned ${BILLING} up to sequence 1; verify the export with ${flag}`);
    expect((await runCli(['verify', out])).status).toBe(1);
    expect((await runCli(['verify', '--anchor', `${BILLING}=1:${anchor.entryHash}`, out])).status).toBe(0);
  });

  it('writes an empty array for an empty store', async () => {
    const empty = new StoreRegistry().register('empty', () => new MemoryStore());
    const result = await runCli(['export', '--store', 'empty:', '--json'], { stores: empty });

    expect(result.stdout).toBe('[]\n');
  });
});

describe('store URLs', () => {
  it('explains why memory: cannot work', async () => {
    const result = await runCli(['export', '--store', 'memory:']);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('a memory store exists only inside the process that created it');
  });

  it('names the registered schemes for an unknown one', async () => {
    const result = await runCli(['query', '--store', 'ftp://example.invalid/log'], { stores });

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no store is registered for ftp: URLs (registered: memory:, file:, redis:, rediss:, test:)');
  });

  it('rejects a store that is not a URL', async () => {
    const result = await runCli(['query', '--store', 'audit-logs'], { stores });

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--store "audit-logs" is not a URL');
  });

  it('reports a store that fails to open as unreadable input', async () => {
    const failing = new StoreRegistry().register('down', () => {
      throw new Error('connection refused');
    });
    const result = await runCli(['query', '--store', 'down://127.0.0.1:1'], { stores: failing });

    expect(result.status).toBe(2);
    expect(result.stderr).toBe('auditgate query: --store down://127.0.0.1:1: cannot open the store: connection refused\n');
  });

  it.each([
    ['a database that is not a number', 'redis://127.0.0.1:1/audit', 'names database "audit"'],
    ['query parameters', 'redis://127.0.0.1:1/0?keyPrefix=x', 'has query parameters'],
  ])('rejects a Redis URL with %s before connecting', async (_name, url, message) => {
    const result = await runCli(['export', '--store', url]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`auditgate export: --store ${url}: cannot open the store: `);
    expect(result.stderr).toContain(message);
  });

  it('reports a typed error of a store with its code', async () => {
    class StoreBrokeError extends AuditgateError {}
    const broken = new StoreRegistry().register('broken', () => {
      const store = new MemoryStore();
      store.query = () => Promise.reject(new StoreBrokeError('STORE_BROKE', 'the index is gone;\n  rebuild it'));
      return store;
    });
    const text = await runCli(['query', '--store', 'broken:'], { stores: broken });
    const json = await runCli(['query', '--store', 'broken:', '--json'], { stores: broken });

    expect(text.status).toBe(2);
    expect(text.stderr).toBe('auditgate query: STORE_BROKE: the index is gone; rebuild it\n');
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'STORE_BROKE', message: 'the index is gone;\n  rebuild it' } });
  });

  it('lists every default scheme in the help', async () => {
    const result = await runCli(['query', '--help']);

    for (const scheme of ['file:', 'redis:', 'rediss:']) expect(result.stdout).toContain(`  ${scheme}`);
    expect(result.stdout).toContain('no query parameters');
  });

  it('lists the registered schemes in the help', async () => {
    const result = await runCli(['export', '--help'], { stores });

    expect(result.stdout).toContain('Store URL schemes:');
    expect(result.stdout).toContain('test:');
  });
});
