import { RedisActionStore } from './redis-action-store.js';
import { RedisBudgetStore } from './redis-budget-store.js';
import { RedisStore } from './redis-store.js';
import { ValidationError } from '@auditgate/core';
import type { Redis } from 'ioredis';
import { databaseOf, parseRedisUrl, redact, type RedisStoreOptions } from './options.js';
import type { RedisClient } from './scripts.js';

/** Options of the open helpers: those of the stores, less the URL and client they set. */
export type OpenOptions = Omit<RedisStoreOptions, 'url' | 'client'>;

/**
 * Opens a store on a `redis://` or `rediss://` URL and waits until Redis replies to PING, so that a
 * wrong URL or a stopped server fails here rather than on the first record.
 *
 * @example
 * const store = await openRedisStore(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
 * @throws {ValidationError} when the URL or an option is invalid.
 * @throws {RedisUnavailableError} when Redis cannot be reached.
 * @throws {RedisTimeoutError} when Redis does not reply within the command timeout.
 */
export async function openRedisStore(url: string, options: OpenOptions = {}): Promise<RedisStore> {
  const database = databaseOf(parseRedisUrl(url));
  return pinged(new RedisStore({ ...options, url }), database, url);
}

/**
 * Opens an action gate store on a URL and waits until Redis replies to PING.
 *
 * @example
 * const actions = new ActionGate({ store: await openRedisActionStore('redis://127.0.0.1:6379') });
 * @throws {ValidationError} when the URL or an option is invalid.
 * @throws {RedisUnavailableError} when Redis cannot be reached.
 * @throws {RedisTimeoutError} when Redis does not reply within the command timeout.
 */
export async function openRedisActionStore(url: string, options: OpenOptions = {}): Promise<RedisActionStore> {
  const database = databaseOf(parseRedisUrl(url));
  return pinged(new RedisActionStore({ ...options, url }), database, url);
}

/**
 * Opens a budget gate store on a URL and waits until Redis replies to PING.
 *
 * @example
 * const budgets = new BudgetGate({ store: await openRedisBudgetStore('redis://127.0.0.1:6379') });
 * @throws {ValidationError} when the URL or an option is invalid.
 * @throws {RedisUnavailableError} when Redis cannot be reached.
 * @throws {RedisTimeoutError} when Redis does not reply within the command timeout.
 */
export async function openRedisBudgetStore(url: string, options: OpenOptions = {}): Promise<RedisBudgetStore> {
  const database = databaseOf(parseRedisUrl(url));
  return pinged(new RedisBudgetStore({ ...options, url }), database, url);
}

interface Pingable {
  readonly client: RedisClient;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Resolves the store once PING succeeds and its database is selectable, and closes it otherwise.
 * ioredis reports a failed SELECT only as an event and goes on in database 0, so an out-of-range
 * database is selected once more here, where the failure can reach the caller.
 */
async function pinged<S extends Pingable>(store: S, database: number, url: string): Promise<S> {
  try {
    await store.ping();
    if (database > 0) await selectDatabase(store.client, database, url);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

async function selectDatabase(client: RedisClient, database: number, url: string): Promise<void> {
  try {
    await (client as Redis).select(database);
  } catch (error) {
    throw new ValidationError('url', `${redact(url)}: cannot use database ${database}: ${(error as Error).message}`);
  }
}
