import { RedisActionStore } from './redis-action-store.js';
import { RedisBudgetStore } from './redis-budget-store.js';
import { RedisStore } from './redis-store.js';
import { parseRedisUrl, type RedisStoreOptions } from './options.js';

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
  parseRedisUrl(url);
  return pinged(new RedisStore({ ...options, url }));
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
  parseRedisUrl(url);
  return pinged(new RedisActionStore({ ...options, url }));
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
  parseRedisUrl(url);
  return pinged(new RedisBudgetStore({ ...options, url }));
}

/** Resolves the store once PING succeeds, and closes it when PING fails. */
async function pinged<S extends { ping(): Promise<void>; close(): Promise<void> }>(store: S): Promise<S> {
  try {
    await store.ping();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
