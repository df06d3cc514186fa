/**
 * The storage contract of the action gate. The gate owns no state: a store keeps the call
 * history of every gate and makes the whole check-and-reserve step atomic.
 *
 * @module
 */

/** The limits a store applies. A {@link Policy} has this shape. */
export interface CallLimits {
  /** Calls allowed within `window`, an integer ≥ 0. */
  readonly maxCalls: number;
  /** Rolling window in seconds, or null to count every call ever allowed. */
  readonly window: number | null;
  /** Minimum seconds between two allowed calls, ≥ 0. */
  readonly cooldown: number;
}

/** Reason a store gives for rejecting a call. */
export type CallBlockReason = 'COOLDOWN' | 'RATE_LIMIT';

/** Outcome of one check-and-reserve step. */
export interface CallOutcome {
  /** True when the call was allowed and recorded. */
  readonly allowed: boolean;
  /** Null when allowed, otherwise the first rule that rejected the call. */
  readonly reason: CallBlockReason | null;
  /** Calls in the window after this step, counting this call when it was allowed. */
  readonly callsInWindow: number;
  /** Seconds since the most recent call still in the window, before this one, or null when there is none. */
  readonly timeSinceLast: number | null;
}

/**
 * Keeps call history per gate key and decides atomically.
 *
 * `checkAndReserve` must run these steps as one atomic operation per key, so that
 * concurrent callers can never together exceed `maxCalls`:
 * 1. drop calls older than `now - window` (a call at exactly `now - window` stays);
 * 2. if a call remains and `now - last < cooldown`, reject with COOLDOWN;
 * 3. if the remaining count is ≥ `maxCalls`, reject with RATE_LIMIT;
 * 4. otherwise record a call at `now` and allow.
 * Rejected calls are not recorded, and waiting out a cooldown does not lower the count.
 *
 * A store may return a promise (a network store) or a plain value (the memory store). The
 * gate skips the extra promise hop for plain values. A store that keeps its own clock, such
 * as a Redis script reading the server's TIME, may use that instead of `now`, and must then
 * report `timeSinceLast` on the same clock.
 *
 * Any throw or rejection is treated as a store failure and decided by the policy's
 * `onStoreError`.
 */
export interface ActionStore {
  /**
   * @param key - The gate's identity string, `namespace:action@principal`.
   * @param limits - The policy to apply.
   * @param now - The gate's clock reading in seconds.
   */
  checkAndReserve(key: string, limits: CallLimits, now: number): CallOutcome | PromiseLike<CallOutcome>;
}
