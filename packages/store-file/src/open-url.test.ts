import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ValidationError } from '@auditgate/core';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from './directory-lock.js';
import { openFileStore, parseFileUrl } from './open-url.js';
import { useTempDirectory } from './test-support.js';

const directory = useTempDirectory();

describe('file store URLs', () => {
  it('file:/// names an absolute directory', () => {
    expect(parseFileUrl('file:///var/lib/audit').directory).toBe('/var/lib/audit');
    expect(parseFileUrl('file:///var/lib/audit%20trails').directory).toBe('/var/lib/audit trails');
    expect(parseFileUrl('file://localhost/var/lib/audit').directory).toBe('/var/lib/audit');
  });

  it('file: without slashes is relative to the working directory', () => {
    expect(parseFileUrl('file:audit/trails').directory).toBe(resolve('audit/trails'));
    expect(parseFileUrl('file:./audit').directory).toBe(resolve('audit'));
    expect(parseFileUrl('file:../audit%20x').directory).toBe(resolve('../audit x'));
  });

  it('rejects URLs that name no local directory', () => {
    for (const url of ['/var/lib/audit', 'redis://127.0.0.1:6379', 'file:', 'file://remote-host/audit', 'file:bad%zz']) {
      expect(() => parseFileUrl(url), url).toThrow(ValidationError);
    }
  });

  it('opens a store with options from the query', async () => {
    const url = `${pathToFileURL(join(directory(), 'trails')).href}?durability=none&recentIds=7`;

    const store = await openFileStore(url);

    expect([store.directory, store.durability, store.recentIds, store.readOnly]).toEqual([join(directory(), 'trails'), 'none', 7, false]);
    expect(await readdir(store.directory)).toEqual([LOCK_FILE_NAME]);
    await store.close();
  });

  it('options argument overrides the query', async () => {
    const store = await openFileStore(`${pathToFileURL(directory()).href}?durability=none`, { durability: 'fsync', readOnly: true });

    expect([store.durability, store.readOnly]).toEqual(['fsync', true]);
    expect(await readdir(directory())).toEqual([]);
    await store.close();
  });

  it.each([
    ['durability=sometimes', 'url.durability'],
    ['readOnly=yes', 'url.readOnly'],
    ['recentIds=0', 'url.recentIds'],
    ['recentIds=1e3', 'url.recentIds'],
    ['cache=big', 'url.cache'],
  ])('rejects the parameter %s', async (query, field) => {
    const error = await openFileStore(`${pathToFileURL(directory()).href}?${query}`).then(
      () => undefined,
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
  });
});
