import type { VetoError } from '@auditgate/bus';

import type { Decision } from './decision.js';
import type { Blocked } from './errors.js';

/** Result of a guarded call whose function ran and returned `value`. Under SOFT mode the decision may be BLOCK. */
export interface OkResult<T> {
  readonly ok: true;
  readonly value: T;
  readonly decision: Decision;
  readonly error: undefined;
  /** Returns `value`. */
  unwrap(): T;
  /** Returns `value`. */
  unwrapOr<U>(fallback: U): T | U;
}

/** Result of a guarded call whose function did not run, because of a HARD block or a veto from a bus listener. */
export interface ErrResult<T> {
  readonly ok: false;
  readonly value: undefined;
  readonly decision: Decision;
  /** {@link Blocked} for a HARD block, the listener's VetoError for a veto. */
  readonly error: Blocked | VetoError;
  /**
   * @throws {Blocked} or the {@link VetoError}, whichever stopped the call.
   */
  unwrap(): never;
  /** Returns `fallback`. */
  unwrapOr<U>(fallback: U): T | U;
}

/** Outcome of a function wrapped by `guardResult`. Checking `ok` narrows it. */
export type Result<T> = OkResult<T> | ErrResult<T>;

class Ok<T> implements OkResult<T> {
  readonly ok = true;

  readonly error = undefined;

  constructor(
    readonly value: T,
    readonly decision: Decision,
  ) {}

  unwrap(): T {
    return this.value;
  }

  unwrapOr<U>(_fallback: U): T | U {
    return this.value;
  }
}

class Err<T> implements ErrResult<T> {
  readonly ok = false;

  readonly value = undefined;

  constructor(
    readonly decision: Decision,
    readonly error: Blocked | VetoError,
  ) {}

  unwrap(): never {
    throw this.error;
  }

  unwrapOr<U>(fallback: U): T | U {
    return fallback;
  }
}

/** Builds the result of a call that ran. */
export function okResult<T>(value: T, decision: Decision): Result<T> {
  return new Ok(value, decision);
}

/** Builds the result of a call that was stopped. */
export function errResult<T>(decision: Decision, error: Blocked | VetoError): Result<T> {
  return new Err<T>(decision, error);
}
