import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryLock, LOCK_FILE_NAME } from './directory-lock.js';
import { FileStoreLockedError } from './errors.js';

let directory: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'auditgate-lock-'));
});

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await rm(directory, { recursive: true, force: true });
});

/** Starts a process that idles until killed, to stand for another store's process. */
async function startIdleProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  await once(child, 'spawn');
  return child;
}

async function writeLock(owner: object): Promise<void> {
  await writeFile(join(directory, LOCK_FILE_NAME), JSON.stringify(owner));
}

async function acquireError(): Promise<unknown> {
  return DirectoryLock.acquire(directory).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('DirectoryLock', () => {
  it('acquire writes the owner; release deletes it', async () => {
    const lock = await DirectoryLock.acquire(directory);

    const owner = JSON.parse(await readFile(lock.path, 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: hostname() });

    await lock.release();
    expect(await readdir(directory)).toEqual([]);
  });

  it('second acquire in this process is locked', async () => {
    const lock = await DirectoryLock.acquire(directory);

    const error = await acquireError();
    expect(error).toBeInstanceOf(FileStoreLockedError);
    expect((error as FileStoreLockedError).code).toBe('STORE_LOCKED');
    expect((error as Error).message).toContain('this process');

    await lock.release();
    await (await DirectoryLock.acquire(directory)).release();
  });

  it('lock of a live process is kept', async () => {
    const child = await startIdleProcess();
    await writeLock({ pid: child.pid, host: hostname(), token: 'other', since: 'now' });

    const error = await acquireError();

    expect(error).toBeInstanceOf(FileStoreLockedError);
    expect((error as Error).message).toContain(`process ${child.pid}`);
  });

  it('lock of a dead process is taken over', async () => {
    const child = await startIdleProcess();
    child.kill('SIGKILL');
    await once(child, 'exit');
    await writeLock({ pid: child.pid, host: hostname(), token: 'stale', since: 'then' });

    const lock = await DirectoryLock.acquire(directory);

    const owner = JSON.parse(await readFile(lock.path, 'utf8'));
    expect(owner.pid).toBe(process.pid);
    expect((await readdir(directory)).sort()).toEqual([LOCK_FILE_NAME]);
    await lock.release();
  });

  it('lock of another host is kept', async () => {
    await writeLock({ pid: 1, host: `not-${hostname()}`, token: 'remote', since: 'now' });

    expect(await acquireError()).toBeInstanceOf(FileStoreLockedError);
  });

  it('unreadable lock is kept', async () => {
    await writeFile(join(directory, LOCK_FILE_NAME), 'garbage');

    const error = await acquireError();

    expect(error).toBeInstanceOf(FileStoreLockedError);
    expect((error as Error).message).toContain('unreadable');
  });

  it('release keeps a lock taken over by another owner', async () => {
    const lock = await DirectoryLock.acquire(directory);
    await writeLock({ pid: process.pid, host: hostname(), token: 'someone-else', since: 'now' });

    await lock.release();

    expect(await readdir(directory)).toEqual([LOCK_FILE_NAME]);
  });

  it('concurrent acquires: exactly one wins', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => DirectoryLock.acquire(directory)));

    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected').every((outcome) => (outcome as PromiseRejectedResult).reason instanceof FileStoreLockedError)).toBe(true);
  });
});
