import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ValidationError, type Store } from '@auditgate/core';
import { buildRecords, tailOf } from '@auditgate/store-conformance';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from './directory-lock.js';
import { FileStoreLockedError } from './errors.js';
import { FileStore } from './file-store.js';
import { entriesPath, readText, useTempDirectory } from './test-support.js';

const TRAIL = 'billing:actiongate@user:42';
const directory = useTempDirectory();

function linesIn(text: string | null): string[] {
  return (text ?? '').split('\n').filter((line) => line !== '');
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

function expectCode(error: unknown, type: abstract new (...args: never[]) => Error, code: string): void {
  expect(error).toBeInstanceOf(type);
  expect((error as { code?: string }).code).toBe(code);
}

describe('FileStore lifecycle', () => {
  it('one writer per directory', async () => {
    const first = await FileStore.open(directory());

    expectCode(await errorOf(FileStore.open(directory())), FileStoreLockedError, 'STORE_LOCKED');
    const lazy = new FileStore(directory());
    expectCode(await errorOf(lazy.tail(TRAIL)), FileStoreLockedError, 'STORE_LOCKED');

    await first.close();
    const second = await FileStore.open(directory());
    await second.append(TRAIL, buildRecords(TRAIL, 1));
    await second.close();
  });

  it('close releases the lock', async () => {
    const store = await FileStore.open(directory());
    expect(await readdir(directory())).toEqual([LOCK_FILE_NAME]);

    await store.close();
    await store.close();

    expect(await readdir(directory())).toEqual([]);
  });

  it('stale lock of a dead process is taken over', async () => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await once(child, 'exit');
    await writeFile(join(directory(), LOCK_FILE_NAME), JSON.stringify({ pid: child.pid, host: hostname(), token: 'gone', since: 'then' }));

    const store = await FileStore.open(directory());
    await store.append(TRAIL, buildRecords(TRAIL, 1));
    await store.close();
  });

  it('closed store rejects every call', async () => {
    const store = await FileStore.open(directory());
    await store.close();

    const calls: Array<(store: Store) => Promise<unknown>> = [
      (s) => s.tail(TRAIL),
      (s) => s.append(TRAIL, []),
      (s) => s.query(),
      (s) => s.count(),
      (s) => s.prune(TRAIL, 1),
      (s) => s.anchor(TRAIL),
      (s) => s.clear(),
      (s) => s.trails(),
    ];
    for (const call of calls) expectCode(await errorOf(call(store)), ValidationError, 'STORE_CLOSED');
  });

  it('read-only store reads beside a writer', async () => {
    const writer = await FileStore.open(directory());
    const first = buildRecords(TRAIL, 2);
    await writer.append(TRAIL, first);

    const reader = await FileStore.open(directory(), { readOnly: true });
    expect(await reader.tail(TRAIL)).toEqual(tailOf(first));
    expectCode(await errorOf(reader.append(TRAIL, [])), ValidationError, 'STORE_READ_ONLY');
    expectCode(await errorOf(reader.prune(TRAIL, 1e12)), ValidationError, 'STORE_READ_ONLY');
    expectCode(await errorOf(reader.clear()), ValidationError, 'STORE_READ_ONLY');

    // A reader keeps the trail as it first read it; a new reader sees later appends.
    await writer.append(TRAIL, buildRecords(TRAIL, 1, { after: tailOf(first) }));
    expect(await reader.count({ trail: TRAIL })).toBe(2);
    const fresh = await FileStore.open(directory(), { readOnly: true });
    expect(await fresh.count({ trail: TRAIL })).toBe(3);

    await Promise.all([reader.close(), fresh.close(), writer.close()]);
  });

  it('read-only store needs an existing directory', async () => {
    await rm(directory(), { recursive: true });

    expectCode(await errorOf(FileStore.open(directory(), { readOnly: true })), ValidationError, 'STORE_NOT_FOUND');
  });

  it('writer creates a missing directory', async () => {
    const nested = join(directory(), 'a', 'b');
    const store = await FileStore.open(nested);

    await store.append(TRAIL, buildRecords(TRAIL, 1));

    expect((await readdir(nested)).length).toBe(3);
    await store.close();
  });

  it('rejects invalid options', () => {
    expect(() => new FileStore('')).toThrow(ValidationError);
    expect(() => new FileStore(directory(), { durability: 'sometimes' as 'none' })).toThrow(/durability/);
    expect(() => new FileStore(directory(), { recentIds: 0 })).toThrow(/recentIds/);
    expect(() => new FileStore(directory(), { recentIds: 1.5 })).toThrow(ValidationError);
  });

  it('rejects strings that are not trails', async () => {
    const store = await FileStore.open(directory());

    expectCode(await errorOf(store.append('no-trail', [])), ValidationError, 'INVALID_TRAIL');
    expectCode(await errorOf(store.tail('no-trail')), ValidationError, 'INVALID_TRAIL');
    expectCode(await errorOf(store.append(`ns:src@${'x'.repeat(300)}`, [])), ValidationError, 'TRAIL_NAME_TOO_LONG');
    await store.close();
  });

  it('close waits for pending appends', async () => {
    // The append is still waiting for the store to start when close() is called.
    const store = new FileStore(directory());
    const records = buildRecords(TRAIL, 50);

    const settled: string[] = [];
    const appended = store.append(TRAIL, records).then(() => settled.push('append'));
    await store.close().then(() => settled.push('close'));
    await appended;

    expect(settled).toEqual(['append', 'close']);
    expect(await readdir(directory())).not.toContain(LOCK_FILE_NAME);
    expect(linesIn(await readText(entriesPath(directory(), TRAIL)))).toHaveLength(50);
  });
});
