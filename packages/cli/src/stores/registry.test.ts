import { MemoryStore } from '@auditgate/store-memory';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../errors.js';
import { StoreRegistry, defaultStoreRegistry, openStore } from './registry.js';

describe('StoreRegistry', () => {
  it('passes URL, spec and cwd to openers', async () => {
    const store = new MemoryStore();
    const calls: Array<[string, string, string]> = [];
    const registry = new StoreRegistry().register('file', (url, spec, context) => {
      calls.push([url.protocol, spec, context.cwd]);
      return store;
    });

    expect(await openStore('FILE:logs/audit', registry, '/srv')).toBe(store);
    expect(calls).toEqual([['file:', 'FILE:logs/audit', '/srv']]);
  });

  it('lists its schemes with descriptions', () => {
    const registry = defaultStoreRegistry().register('file', () => new MemoryStore(), 'JSON Lines files');

    expect(registry.schemes()).toEqual([
      { scheme: 'memory', description: 'not usable from the command line; explains why' },
      { scheme: 'file', description: 'JSON Lines files' },
      { scheme: 'redis', description: 'a Redis server: redis://[user:password@]host:port[/db], where db is a database number the server has; no query parameters' },
      { scheme: 'rediss', description: 'a Redis server over TLS: rediss://[user:password@]host:port[/db], as for redis:' },
    ]);
  });

  it('registers memory:, file:, redis: and rediss: by default', () => {
    expect(defaultStoreRegistry().schemes().map((entry) => entry.scheme)).toEqual(['memory', 'file', 'redis', 'rediss']);
  });

  it('rejects an unregistered scheme as a usage error', async () => {
    await expect(openStore('ftp://127.0.0.1/audit')).rejects.toBeInstanceOf(UsageError);
  });

  it('wraps an opener failure as an input error', async () => {
    const registry = new StoreRegistry().register('file', () => Promise.reject(new Error('ENOENT')));

    await expect(openStore('file:/missing', registry)).rejects.toBeInstanceOf(InputError);
  });
});
