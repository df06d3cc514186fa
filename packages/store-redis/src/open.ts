import { RedisStore } from './redis-store.js';
import { parseRedisUrl, type RedisStoreOptions } from './options.js';

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
export async function openRedisStore(url: string, options: Omit<RedisStoreOptions, 'url' | 'client'> = {}): Promise<RedisStore> {
  parseRedisUrl(url);
  const store = new RedisStore({ ...options, url });
  try {
    await store.ping();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
