import { ValidationError } from '@auditgate/core';
import { Redis, type Cluster } from 'ioredis';
import type { RedisClient } from './scripts.js';

/** Options of {@link RedisStore}. */
export interface RedisStoreOptions {
  /** A `redis://` or `rediss://` URL (TLS for the latter). Default `redis://127.0.0.1:6379`. */
  readonly url?: string;
  /**
   * A client to use instead of creating one from `url`. The store does not close it, and its own
   * timeout and retry settings apply, so `commandTimeoutMs` and `connectTimeoutMs` must be unset.
   */
  readonly client?: Redis | Cluster;
  /** Prepended to every key; must not contain `{` or `}`. Default `auditgate:`. */
  readonly keyPrefix?: string;
  /** Milliseconds to wait for each reply before failing with RedisTimeoutError. Default 2000. */
  readonly commandTimeoutMs?: number;
  /** Milliseconds to wait for a TCP (and TLS) connection to open. Default 5000. */
  readonly connectTimeoutMs?: number;
}

export const DEFAULT_URL = 'redis://127.0.0.1:6379';

/**
 * An audit write sits in front of the action it permits, so a stuck Redis must not delay the
 * action for long. Two seconds leave room for a cross-region round trip and a busy server.
 */
export const DEFAULT_COMMAND_TIMEOUT_MS = 2000;

export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

/** Queued commands fail after this many reconnection attempts instead of ioredis's default 20. */
const MAX_RETRIES_PER_REQUEST = 1;

/** Milliseconds between reconnection attempts grow by this step up to the maximum below. */
const RECONNECT_STEP_MS = 50;
const RECONNECT_MAX_MS = 1000;

/** A client ready for the store, and what error messages call its server. */
export interface Connection {
  readonly client: RedisClient;
  /** True when the store created the client and so closes it. */
  readonly owned: boolean;
  /** host:port, without credentials. */
  readonly target: string;
  readonly commandTimeoutMs: number;
}

/**
 * Checks the options and returns the client to use, creating one from the URL when none was
 * given. A created client pipelines commands sent in the same tick (`enableAutoPipelining`),
 * so appends to different trails share round trips.
 *
 * @throws {ValidationError} naming the option that is invalid or conflicts with another.
 */
export function connect(options: RedisStoreOptions): Connection {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('options', 'expected an object such as { url: "redis://127.0.0.1:6379" }');
  }
  const commandTimeoutMs = checkMilliseconds(options.commandTimeoutMs, 'commandTimeoutMs') ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const connectTimeoutMs = checkMilliseconds(options.connectTimeoutMs, 'connectTimeoutMs') ?? DEFAULT_CONNECT_TIMEOUT_MS;

  if (options.client !== undefined) {
    if (options.url !== undefined) throw new ValidationError('url', 'give either url or client, not both');
    for (const field of ['commandTimeoutMs', 'connectTimeoutMs'] as const) {
      if (options[field] !== undefined) {
        throw new ValidationError(field, 'applies only to a client the store creates; set the timeout on the client you pass instead');
      }
    }
    const client = options.client;
    return { client, owned: false, target: describeClient(client), commandTimeoutMs: commandTimeoutOf(client) };
  }

  const url = options.url ?? DEFAULT_URL;
  const parsed = parseRedisUrl(url);
  const client = new Redis(url, {
    connectTimeout: connectTimeoutMs,
    commandTimeout: commandTimeoutMs,
    maxRetriesPerRequest: MAX_RETRIES_PER_REQUEST,
    enableAutoPipelining: true,
    retryStrategy: (attempt: number) => Math.min(attempt * RECONNECT_STEP_MS, RECONNECT_MAX_MS),
  });
  return { client, owned: true, target: `${parsed.hostname}:${parsed.port || '6379'}`, commandTimeoutMs };
}

/**
 * Parses a Redis URL and checks its scheme.
 *
 * @throws {ValidationError} when the URL is malformed or not redis:// or rediss://.
 */
export function parseRedisUrl(url: string): URL {
  if (typeof url !== 'string') throw new ValidationError('url', `expected a string, got ${typeof url}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError('url', `${JSON.stringify(redact(url))} is not a valid URL; expected redis://host:port or rediss://host:port`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new ValidationError('url', `unsupported scheme ${parsed.protocol}; expected redis:// or rediss://`);
  }
  // A database that is not a number would otherwise fall back to database 0 without a word.
  if (parsed.pathname !== '' && parsed.pathname !== '/' && !/^\/[0-9]+$/.test(parsed.pathname)) {
    throw new ValidationError('url', `${JSON.stringify(redact(url))} names database ${JSON.stringify(parsed.pathname.slice(1))}; expected a whole number such as redis://host:6379/0`);
  }
  // Options go in the constructor, where they are checked; ioredis would apply URL parameters unchecked.
  if (parsed.search !== '') {
    throw new ValidationError('url', `${JSON.stringify(redact(url))} has query parameters, which are not supported; pass options such as keyPrefix to the store's constructor`);
  }
  return parsed;
}

/** Returns the database number a Redis URL names, 0 when it names none. */
export function databaseOf(url: URL): number {
  return url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
}

function checkMilliseconds(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new ValidationError(field, `expected a whole number of milliseconds > 0, got ${String(value)}`);
  }
  return value;
}

/** Returns the client's own command timeout, for error messages, or 0 when it has none. */
function commandTimeoutOf(client: RedisClient): number {
  if (client.isCluster) return (client as Cluster).options.redisOptions?.commandTimeout ?? 0;
  return (client as Redis).options.commandTimeout ?? 0;
}

function describeClient(client: RedisClient): string {
  if (client.isCluster) return 'a Redis Cluster';
  const { host, port, path } = (client as Redis).options;
  return path ? String(path) : `${host ?? '127.0.0.1'}:${port ?? 6379}`;
}

// A URL may carry a password; keep it out of error messages.
export function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
