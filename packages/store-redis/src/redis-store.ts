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
import { RedisTimeoutError } from './errors.js';
import { KeySpace } from './keys.js';
import type { RedisStoreOptions } from './options.js';
import { bindScript, type RedisClient, type ScriptCaller } from './scripts.js';
import { StoreConnection } from './store-connection.js';
import { APPEND_SCRIPT, appendArgs, PAGE_SCRIPT, PRUNE_SCRIPT, RANGE_SCRIPT } from './trail-scripts.js';
import { TrailPruner } from './trail-pruner.js';
import { TrailReader } from './trail-reader.js';
import { conflictFromReply, positionFromHash } from './replies.js';

/**
 * Keeps trails in Redis, shared by every process and machine that uses the same server and key
 * prefix. Each append is one Lua script call that writes the batch only if it continues the
 * trail's stored tail, so concurrent writers never fork or skip a sequence number. The writer
 * that loses a race gets StoreConflictError, and its engine rebuilds the batch on the new tail.
 *
 * Every method rejects with {@link RedisUnavailableError}, {@link RedisTimeoutError} or
 * RedisCommandError when Redis fails, and with ValidationError (code STORE_CLOSED) after close.
 *
 * @example
 * const engine = new Engine({ store: new RedisStore({ url: 'redis://127.0.0.1:6379' }) });
 */
export class RedisStore implements Store {
  readonly #connection: StoreConnection;
  readonly #client: RedisClient;
  readonly #keys: KeySpace;
  readonly #append: ScriptCaller;
  readonly #pruner: TrailPruner;
  readonly #reader: TrailReader;

  /** @throws {ValidationError} naming an invalid option. */
  constructor(options: RedisStoreOptions = {}) {
    this.#keys = new KeySpace(options?.keyPrefix);
    this.#connection = new StoreConnection(options, 'RedisStore');
    this.#client = this.#connection.client;
    this.#append = bindScript(this.#client, APPEND_SCRIPT);
    this.#pruner = new TrailPruner(this.#client, this.#keys, bindScript(this.#client, PRUNE_SCRIPT));
    this.#reader = new TrailReader(this.#client, this.#keys, {
      range: bindScript(this.#client, RANGE_SCRIPT),
      nextPage: bindScript(this.#client, PAGE_SCRIPT),
    });
  }

  /** The client this store sends commands through. */
  get client(): RedisClient {
    return this.#client;
  }

  /** Sends PING. @throws {RedisStoreError} when Redis does not reply. */
  async ping(): Promise<void> {
    await this.#run('ping', () => this.#client.ping());
  }

  async tail(trail: string): Promise<TrailTail | null> {
    const key = this.#keys.trail(trail).tail;
    const fields = await this.#run(`tail of trail ${trail}`, () => this.#client.hmget(key, 'seq', 'hash', 'ts'));
    return positionFromHash(fields);
  }

  /**
   * Appends a batch in one script call. A batch whose reply timed out is sent once more with the
   * same record ids, which the script skips if the first attempt was stored.
   *
   * @throws {StoreConflictError} when the batch does not continue the stored tail.
   * @throws {RedisTimeoutError} when both attempts timed out; the batch may still be stored.
   */
  async append(trail: string, records: readonly AppendRecord[]): Promise<void> {
    this.#checkOpen();
    if (records.length === 0) return;
    for (const { entry } of records) {
      if (entry.trail !== trail) throw new StoreConflictError(trail, `entries of ${trail}`, `an entry of ${entry.trail}`);
    }

    const keys = this.#keys.trail(trail);
    const args = appendArgs(records);
    const send = async (): Promise<unknown> => {
      // SADD is sent before the script, so on one server every stored trail is in the trails set.
      const [, reply] = await Promise.all([
        this.#client.sadd(this.#keys.trails, trail),
        this.#append([keys.entries, keys.ids, keys.tail], args),
      ]);
      return reply;
    };

    const operation = `append to trail ${trail}`;
    let reply: unknown;
    try {
      reply = await this.#run(operation, send);
    } catch (error) {
      if (!(error instanceof RedisTimeoutError)) throw error;
      reply = await this.#run(operation, send);
    }

    const conflict = conflictFromReply(trail, reply);
    if (conflict !== null) throw conflict;
  }

  async query(filter: QueryFilter = {}): Promise<AuditEntry[]> {
    this.#checkOpen();
    const checked = checkFilter(filter);
    const offset = checked.offset ?? 0;
    const limit = checked.limit ?? Infinity;
    if (checked.trail !== undefined) {
      const trail = checked.trail;
      return this.#run(`query of trail ${trail}`, () => this.#reader.query(trail, checked, offset, limit));
    }
    return this.#run('query across trails', () => this.#reader.queryAll(checked, offset, limit));
  }

  async count(filter: QueryFilter = {}): Promise<number> {
    this.#checkOpen();
    const { offset: _offset, limit: _limit, ...checked } = checkFilter(filter);
    if (checked.trail !== undefined) {
      const trail = checked.trail;
      return this.#run(`count of trail ${trail}`, () => this.#reader.count(trail, checked));
    }
    return this.#run('count across trails', () => this.#reader.countAll(checked));
  }

  /**
   * Removes entries with ts < before in steps of up to 1000. Each step is one script call that
   * removes the entries, deletes their record ids and moves the anchor together.
   *
   * @throws {ValidationError} when `before` is not a finite number.
   */
  async prune(trail: string, before: number): Promise<number> {
    this.#checkOpen();
    if (typeof before !== 'number' || !Number.isFinite(before)) {
      throw new ValidationError('before', `expected seconds since the epoch, got ${String(before)}`);
    }
    return this.#run(`prune of trail ${trail}`, () => this.#pruner.prune(trail, before));
  }

  async anchor(trail: string): Promise<TrailAnchor | null> {
    const key = this.#keys.trail(trail).anchor;
    const fields = await this.#run(`anchor of trail ${trail}`, () => this.#client.hmget(key, 'seq', 'hash', 'ts'));
    return positionFromHash(fields);
  }

  async clear(trail?: string): Promise<void> {
    await this.#run(trail === undefined ? 'clear of every trail' : `clear of trail ${trail}`, async () => {
      const trails = trail === undefined ? await this.#client.smembers(this.#keys.trails) : [trail];
      await Promise.all(
        trails.map(async (name) => {
          const keys = this.#keys.trail(name);
          await this.#client.del(keys.entries, keys.ids, keys.tail, keys.anchor);
          await this.#client.srem(this.#keys.trails, name);
        }),
      );
    });
  }

  /** Lists every trail with a tail; a trail whose first append failed after SADD is left out. */
  async trails(): Promise<string[]> {
    return this.#run('list of trails', async () => {
      const names = await this.#client.smembers(this.#keys.trails);
      const exists = await Promise.all(names.map((name) => this.#client.exists(this.#keys.trail(name).tail)));
      return names.filter((_, i) => exists[i] === 1).sort();
    });
  }

  /** Closes the client if the store created it; a client passed in stays open. */
  async close(): Promise<void> {
    await this.#connection.close();
  }

  /** Runs one store operation, failing at once while the connection is known to be down. */
  #run<T>(operation: string, send: () => Promise<T>): Promise<T> {
    return this.#connection.run(operation, send);
  }

  #checkOpen(): void {
    this.#connection.checkOpen();
  }
}
