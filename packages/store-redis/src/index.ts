/**
 * @auditgate/store-redis: Redis-backed stores that many processes and machines share, for
 * `@auditgate/core` trails and for the state of the action and budget gates.
 *
 * @module
 */
export { RedisStore } from './redis-store.js';
export { RedisActionStore } from './redis-action-store.js';
export { RedisBudgetStore } from './redis-budget-store.js';
export { openRedisActionStore, openRedisBudgetStore, openRedisStore, type OpenOptions } from './open.js';
export { DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_URL, type RedisStoreOptions } from './options.js';
export { type ActionGateKeys, type BudgetLedgerKeys, DEFAULT_KEY_PREFIX, KeySpace, type TrailKeys } from './keys.js';
export { RedisStoreError, RedisUnavailableError, RedisTimeoutError, RedisCommandError } from './errors.js';
export { CommitExceedsHoldError, LedgerScaleError } from './gate-errors.js';
export { MAX_DURATION_SECONDS } from './gate-arguments.js';
export { bindScript, type RedisClient, type RedisScript, type ScriptCaller } from './scripts.js';
