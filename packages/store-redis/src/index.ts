/**
 * @auditgate/store-redis: a Redis-backed store whose trails many processes and machines share.
 *
 * @module
 */
export { RedisStore } from './redis-store.js';
export { openRedisStore } from './open.js';
export { DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_URL, type RedisStoreOptions } from './options.js';
export { DEFAULT_KEY_PREFIX, KeySpace, type TrailKeys } from './keys.js';
export { RedisStoreError, RedisUnavailableError, RedisTimeoutError, RedisCommandError } from './errors.js';
export { bindScript, type RedisClient, type RedisScript, type ScriptCaller } from './scripts.js';
