import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FileStoreLockedError } from './errors.js';

/** Name of the lock file inside a store directory. */
export const LOCK_FILE_NAME = '.auditgate.lock';

/** Content of a lock file: the process that owns the lock. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly since: string;
}

// Taking over a stale lock races with other processes doing the same; a few rounds settle it.
const MAX_ATTEMPTS = 5;

/**
 * The writer lock of one store directory: a lock file that names the process owning it. A lock
 * whose process is gone (on this host) is stale and taken over. A lock of another host is never
 * taken over, because its process cannot be checked from here.
 */
export class DirectoryLock {
  private constructor(
    readonly path: string,
    private readonly token: string,
  ) {}

  /**
   * Takes the lock of `directory`, which must exist.
   *
   * @throws {FileStoreLockedError} when a live process, or a process on another host, holds it.
   */
  static async acquire(directory: string): Promise<DirectoryLock> {
    const path = join(directory, LOCK_FILE_NAME);
    const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomUUID(), since: new Date().toISOString() };
    // The lock appears with its content complete, by linking a finished file to the lock name,
    // so no reader ever sees an empty lock file.
    const draft = `${path}.${owner.token}.tmp`;
    await writeSynced(draft, `${JSON.stringify(owner)}\n`);

    try {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        if (await tryLink(draft, path)) return new DirectoryLock(path, owner.token);

        const holder = await readOwner(path);
        if (holder === 'missing') continue;
        if (holder === 'unreadable') throw new FileStoreLockedError(directory, path, 'an unknown process (the lock file is unreadable)');
        if (isAlive(holder)) throw new FileStoreLockedError(directory, path, describeOwner(holder));
        await removeStaleLock(path, holder);
      }
      throw new FileStoreLockedError(directory, path, `other processes that took it ${MAX_ATTEMPTS} times in a row`);
    } finally {
      await unlink(draft).catch(() => undefined);
    }
  }

  /** Deletes the lock file, unless another process has taken it over meanwhile. */
  async release(): Promise<void> {
    const holder = await readOwner(this.path);
    if (typeof holder === 'object' && holder.token === this.token) {
      await unlink(this.path).catch(ignoreMissing);
    }
  }
}

async function writeSynced(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

// link() fails with EEXIST when the lock exists, which makes taking it atomic.
async function tryLink(draft: string, path: string): Promise<boolean> {
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

async function readOwner(path: string): Promise<LockOwner | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    if (Number.isSafeInteger(owner.pid) && typeof owner.host === 'string' && typeof owner.token === 'string') {
      return owner as LockOwner;
    }
  } catch {
    // Falls through: a lock file that is not ours to read.
  }
  return 'unreadable';
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errorCode(error) !== 'ESRCH';
  }
}

function describeOwner(owner: LockOwner): string {
  const who = owner.pid === process.pid && owner.host === hostname() ? 'this process' : `process ${owner.pid} on ${owner.host}`;
  return `${who} since ${owner.since}`;
}

/**
 * Moves a stale lock aside and deletes it. When another process replaced the stale lock with
 * its own in the meantime, the moved file is that fresh lock, so it is put back.
 */
async function removeStaleLock(path: string, stale: LockOwner): Promise<void> {
  const aside = `${path}.${randomUUID()}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    return ignoreMissing(error);
  }

  const moved = await readOwner(aside);
  if (typeof moved === 'object' && moved.token !== stale.token) {
    await tryLink(aside, path);
  }
  await unlink(aside).catch(ignoreMissing);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function ignoreMissing(error: unknown): void {
  if (errorCode(error) !== 'ENOENT') throw error;
}
