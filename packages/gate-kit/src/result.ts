/**
 * Result of a guarded call whose function ran and returned `value`. Under SOFT mode the decision
 * may be BLOCK.
 *
 * @typeParam T - The function's return value.
 * @typeParam D - The gate's decision type.
 */
export interface OkResult<T, D> {
  readonly ok: true;
  readonly value: T;
  readonly decision: D;
  readonly error: undefined;
  /** Returns `value`. */
  unwrap(): T;
  /** Returns `value`. */
  unwrapOr<U>(fallback: U): T | U;
}

/**
 * Result of a guarded call whose function did not run, because of a HARD block or a veto from a
 * bus listener.
 *
 * @typeParam T - The return value the function would have had.
 * @typeParam D - The gate's decision type.
 * @typeParam E - The errors that can stop a call, for example `Blocked | VetoError`.
 */
export interface ErrResult<T, D, E extends Error> {
  readonly ok: false;
  readonly value: undefined;
  readonly decision: D;
  /** The error that stopped the call. */
  readonly error: E;
  /** @throws `error`, the error that stopped the call. */
  unwrap(): never;
  /** Returns `fallback`. */
  unwrapOr<U>(fallback: U): T | U;
}

/** Outcome of a function wrapped by a gate's `guardResult`. Checking `ok` narrows it. */
export type Result<T, D, E extends Error> = OkResult<T, D> | ErrResult<T, D, E>;

class Ok<T, D> implements OkResult<T, D> {
  readonly ok = true;

  readonly error = undefined;

  constructor(
    readonly value: T,
    readonly decision: D,
  ) {}

  unwrap(): T {
    return this.value;
  }

  unwrapOr<U>(_fallback: U): T | U {
    return this.value;
  }
}

class Err<T, D, E extends Error> implements ErrResult<T, D, E> {
  readonly ok = false;

  readonly value = undefined;

  constructor(
    readonly decision: D,
    readonly error: E,
  ) {}

  unwrap(): never {
    throw this.error;
  }

  unwrapOr<U>(fallback: U): T | U {
    return fallback;
  }
}

/** Builds the result of a call that ran. */
export function okResult<T, D>(value: T, decision: D): OkResult<T, D> {
  return new Ok(value, decision);
}

/** Builds the result of a call that was stopped by `error`. */
export function errResult<T, D, E extends Error>(decision: D, error: E): ErrResult<T, D, E> {
  return new Err<T, D, E>(decision, error);
}
