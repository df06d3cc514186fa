import {
  checkFilter,
  StoreConflictError,
  ValidationError,
  type AppendRecord,
  type AuditEntry,
  type QueryFilter,
  type Store,
  type TrailAnchor,
  type TrailTail,
} from '@auditgate/core';
import { DirectoryLock } from './directory-lock.js';
import type { Durability } from './files.js';
import { resolveOptions, type FileStoreOptions } from './file-store-options.js';
import { SerialQueue } from './serial-queue.js';
import { StoreDirectory } from './store-directory.js';
import type { TrailIndex } from './trail-index.js';
import { loadTrail } from './trail-loader.js';
import { queryTrail, queryTrails } from './trail-query.js';
import { appendRecords, pruneEntries, removeTrail, type WriteSettings } from './trail-writes.js';

/**
 * Keeps trails on local disk, one JSON Lines file per trail, each line an entry as
 * `serializeEntry` writes it, so that `auditgate verify` and the Python verifier read the files
 * directly. One FileStore writes a directory at a time, guarded by a lock file. Each trail is
 * read into memory on first use; see the package README for memory use and durability.
 *
 * @example
 * const store = await FileStore.open('./audit');
 * const engine = new Engine({ store });
 */
export class FileStore implements Store {
  readonly directory: string;
  readonly durability: Durability;
  readonly recentIds: number;
  readonly readOnly: boolean;
  readonly #files: StoreDirectory;
  readonly #queue = new SerialQueue();
  readonly #indexes = new Map<string, TrailIndex>();
  readonly #pending = new Set<Promise<unknown>>();
  #started: Promise<void> | undefined;
  #lock: DirectoryLock | null = null;
  #closed = false;

  /**
   * Creates a store over `directory` without touching the disk; the first call creates the
   * directory and takes its lock. Use {@link FileStore.open} to get lock errors at once.
   *
   * @throws {ValidationError} on an invalid option.
   */
  constructor(directory: string, options: FileStoreOptions = {}) {
    const settings = resolveOptions(directory, options);
    this.directory = settings.directory;
    this.durability = settings.durability;
    this.recentIds = settings.recentIds;
    this.readOnly = settings.readOnly;
    this.#files = new StoreDirectory(this.directory);
  }

  /**
   * Opens a store over `directory`, creating the directory unless `readOnly`, and takes its
   * writer lock.
   *
   * @throws {FileStoreLockedError} when another FileStore holds the directory's lock.
   * @throws {ValidationError} when a read-only store's directory does not exist.
   */
  static async open(directory: string, options: FileStoreOptions = {}): Promise<FileStore> {
    const store = new FileStore(directory, options);
    await store.#start();
    return store;
  }

  async tail(trail: string): Promise<TrailTail | null> {
    return (await this.#read(trail)).tail;
  }

  async anchor(trail: string): Promise<TrailAnchor | null> {
    return (await this.#read(trail)).anchor;
  }

  /**
   * @throws {StoreConflictError} when the records do not continue the trail's tail.
   * @throws {ValidationError} on a read-only or closed store, or a trail too long for a file name.
   */
  async append(trail: string, records: readonly AppendRecord[]): Promise<void> {
    await this.#write(trail, async (index) => {
      const fresh = index.freshRecords(records);
      if (fresh.length > 0) await appendRecords(index, fresh, this.#files.paths(trail), this.#settings());
    });
  }

  async query(filter: QueryFilter = {}): Promise<AuditEntry[]> {
    const checked = checkFilter(filter);
    const offset = checked.offset ?? 0;
    const limit = checked.limit ?? Infinity;
    if (checked.trail !== undefined) return queryTrail(await this.#read(checked.trail), checked, offset, limit);
    return queryTrails(await this.#readAll(), checked, offset, limit);
  }

  async count(filter: QueryFilter = {}): Promise<number> {
    const { offset: _offset, limit: _limit, ...checked } = checkFilter(filter);
    if (checked.trail !== undefined) return queryTrail(await this.#read(checked.trail), checked, 0, Infinity).length;
    return queryTrails(await this.#readAll(), checked, 0, Infinity).length;
  }

  /** @throws {ValidationError} when `before` is not a finite number. */
  async prune(trail: string, before: number): Promise<number> {
    if (typeof before !== 'number' || !Number.isFinite(before)) {
      throw new ValidationError('before', `expected seconds since the epoch as a finite number, got ${String(before)}`);
    }
    return this.#write(trail, (index) => pruneEntries(index, before, this.#files.paths(trail), this.#settings()));
  }

  async clear(trail?: string): Promise<void> {
    if (trail !== undefined) {
      await this.#exclusive(trail, () => this.#clearTrail(trail));
      return;
    }
    this.#checkWritable();
    await this.#track(this.#clearAll());
  }

  async trails(): Promise<string[]> {
    const indexes = await this.#readAll();
    return indexes.filter((index) => index.tail !== null).map((index) => index.trail);
  }

  /** Waits for pending writes, then releases the directory lock. Later calls throw. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
    await this.#queue.idle();
    await this.#started?.catch(() => undefined);
    await this.#lock?.release();
    this.#lock = null;
  }

  #settings(): WriteSettings {
    return { durability: this.durability, recentIds: this.recentIds };
  }

  #start(): Promise<void> {
    this.#started ??= (async () => {
      await this.#files.prepare(this.readOnly);
      if (!this.readOnly) this.#lock = await DirectoryLock.acquire(this.directory);
    })();
    return this.#started;
  }

  /**
   * Runs a write on one trail's index after the writes queued before it. A write that fails
   * with an I/O error drops the index, because the files may no longer match it, and the next
   * use reloads them. Conflicts and invalid entries are found before any file changes.
   */
  #write<T>(trail: string, write: (index: TrailIndex) => Promise<T>): Promise<T> {
    return this.#exclusive(trail, async () => {
      const index = this.#indexes.get(trail) ?? (await this.#load(trail));
      try {
        const result = await write(index);
        this.#indexes.set(trail, index);
        return result;
      } catch (error) {
        const untouched = error instanceof StoreConflictError || error instanceof ValidationError;
        if (untouched && index.fileExists) this.#indexes.set(trail, index);
        else this.#indexes.delete(trail);
        throw error;
      }
    });
  }

  /** Runs `task` on a writable store after the tasks queued before it on the same trail. */
  #exclusive<T>(trail: string, task: () => Promise<T>): Promise<T> {
    this.#checkWritable();
    this.#files.paths(trail);
    return this.#track(this.#start().then(() => this.#queue.run(trail, task)));
  }

  // close() waits for every operation that started before it, including those still waiting
  // for the store to start, so that no write runs after the lock is released.
  #track<T>(operation: Promise<T>): Promise<T> {
    this.#pending.add(operation);
    const forget = () => {
      this.#pending.delete(operation);
    };
    operation.then(forget, forget);
    return operation;
  }

  async #clearAll(): Promise<void> {
    await this.#start();
    const trails = new Set([...(await this.#files.trails()), ...this.#indexes.keys()]);
    await Promise.all([...trails].map((name) => this.#queue.run(name, () => this.#clearTrail(name))));
    await this.#files.removeOrphanMeta();
  }

  async #clearTrail(trail: string): Promise<void> {
    this.#indexes.delete(trail);
    await removeTrail(this.#files.paths(trail), this.#settings());
  }

  // A trail loads inside its queue, so that a load never reads a line that a write is adding.
  async #read(trail: string): Promise<TrailIndex> {
    this.#checkOpen();
    const cached = this.#indexes.get(trail);
    if (cached !== undefined) return cached;

    this.#files.paths(trail);
    const load = async () => {
      const index = this.#indexes.get(trail) ?? (await this.#load(trail));
      // Unknown trails stay out of the cache, so that lookups of many names cannot fill it.
      if (index.fileExists) this.#indexes.set(trail, index);
      return index;
    };
    return this.#track(this.#start().then(() => this.#queue.run(trail, load)));
  }

  async #readAll(): Promise<TrailIndex[]> {
    this.#checkOpen();
    await this.#start();
    const names = new Set([...(await this.#files.trails()), ...this.#indexes.keys()]);
    const indexes = await Promise.all([...names].map((name) => this.#read(name)));
    return indexes.filter((index) => index.fileExists);
  }

  #load(trail: string): Promise<TrailIndex> {
    return loadTrail(trail, this.#files.paths(trail), {
      maxIds: this.recentIds,
      repair: !this.readOnly,
      durability: this.durability,
    });
  }

  #checkOpen(): void {
    if (this.#closed) throw new ValidationError('store', `the store over ${this.directory} is closed`, 'STORE_CLOSED');
  }

  #checkWritable(): void {
    this.#checkOpen();
    if (this.readOnly) {
      throw new ValidationError('store', `the store over ${this.directory} was opened read-only; open it without readOnly to write`, 'STORE_READ_ONLY');
    }
  }
}
