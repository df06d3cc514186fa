import { AuditError, type Decision } from './decision.js';

/**
 * The outcome of `guardResult`: the audit decision, and the action's value when the action ran.
 * `ok` is false only when FAIL_CLOSED kept the action from running.
 */
export class Result<T> {
  readonly ok: boolean;
  readonly decision: Decision;
  readonly #value: T | undefined;

  private constructor(ok: boolean, decision: Decision, value: T | undefined) {
    this.ok = ok;
    this.decision = decision;
    this.#value = value;
  }

  static ran<T>(decision: Decision, value: T): Result<T> {
    return new Result(true, decision, value);
  }

  static stopped<T>(decision: Decision): Result<T> {
    return new Result<T>(false, decision, undefined);
  }

  /** The action's value, or undefined when it did not run. */
  get value(): T | undefined {
    return this.#value;
  }

  /**
   * Returns the action's value.
   *
   * @throws {AuditError} when the action did not run because its entry was not recorded.
   */
  unwrap(): T {
    if (!this.ok) throw new AuditError(this.decision);
    return this.#value as T;
  }

  /** Returns the action's value, or `fallback` when the action did not run. */
  unwrapOr<U>(fallback: U): T | U {
    return this.ok ? (this.#value as T) : fallback;
  }
}
