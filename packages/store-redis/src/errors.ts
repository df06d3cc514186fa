import { AuditgateError } from '@auditgate/core';

/**
 * Base class of the errors a Redis-backed store throws when Redis fails. `code` is
 * REDIS_UNAVAILABLE, REDIS_TIMEOUT or REDIS_COMMAND_FAILED; `cause` is the client's error.
 */
export class RedisStoreError extends AuditgateError {}

/** Redis could not be reached, or the connection dropped before a reply came. */
export class RedisUnavailableError extends RedisStoreError {
  constructor(operation: string, target: string, cause: unknown) {
    super(
      'REDIS_UNAVAILABLE',
      `${operation} failed: Redis at ${target} is unreachable (${describe(cause)}); check that the server runs and that the URL is right`,
      { cause },
    );
  }
}

/**
 * No reply came within the command timeout. The command may still have run, so an append that
 * timed out may be stored: retrying it with the same record ids writes nothing twice.
 */
export class RedisTimeoutError extends RedisStoreError {
  constructor(operation: string, target: string, timeoutMs: number, cause: unknown) {
    super(
      'REDIS_TIMEOUT',
      `${operation} timed out after ${timeoutMs} ms waiting for Redis at ${target}; raise commandTimeoutMs if the server is slow`,
      { cause },
    );
  }
}

/** Redis replied with an error, such as OOM, READONLY or a failing script. */
export class RedisCommandError extends RedisStoreError {
  constructor(operation: string, target: string, cause: unknown) {
    super('REDIS_COMMAND_FAILED', `${operation} failed: Redis at ${target} returned an error: ${describe(cause)}`, { cause });
  }
}

/** The facts about a failed command that {@link toRedisStoreError} puts into its message. */
export interface FailureContext {
  /** The store operation, such as `append to trail app:gate@user:1`. */
  readonly operation: string;
  /** The Redis address, such as `127.0.0.1:6379`, without a password. */
  readonly target: string;
  readonly commandTimeoutMs: number;
}

/**
 * Maps an error from ioredis to a {@link RedisStoreError}. Errors that are not from the client,
 * such as an auditgate conflict, pass through unchanged.
 */
export function toRedisStoreError(error: unknown, context: FailureContext): unknown {
  if (error instanceof AuditgateError) return error;
  if (!(error instanceof Error)) return new RedisCommandError(context.operation, context.target, error);

  const { operation, target, commandTimeoutMs } = context;
  // ioredis rejects with this plain Error when commandTimeout passes (ioredis 5, Command.setTimeout).
  if (error.message === 'Command timed out') return new RedisTimeoutError(operation, target, commandTimeoutMs, error);
  if (error.name === 'ReplyError') return new RedisCommandError(operation, target, error);
  return new RedisUnavailableError(operation, target, error);
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
