/**
 * The storage contract of the budget gate. The gate owns no state: a store keeps committed
 * spends and active reservations per ledger and makes each step atomic.
 *
 * Amounts cross this interface as bigint minor units: the decimal amount times 10^scale,
 * where `scale` is the budget's number of decimal places (default 6). A store never receives a
 * fraction, so a Redis store can keep integers (INCRBY, or integer strings in a Lua script).
 *
 * @module
 */

/** One request to spend or to hold an amount. */
export interface SpendRequest {
  /** Amount in minor units, ≥ 0. */
  readonly amount: bigint;
  /** The budget's limit in minor units. */
  readonly maxSpend: bigint;
  /** Rolling window in seconds, or null to count every spend ever made. */
  readonly window: number | null;
  /** Decimal places of one minor unit. A ledger must always be used with the same scale. */
  readonly scale: number;
  /**
   * Null to record the amount as spent now (fixed cost). A number of seconds to hold it as a
   * reservation instead, which expires on its own that long after `now` unless it is committed
   * or released first.
   */
  readonly holdFor: number | null;
}

/** Outcome of one {@link SpendRequest}. */
export interface SpendOutcome {
  /** True when the amount was recorded or held. */
  readonly allowed: boolean;
  /**
   * Committed spends in the window plus active reservations, in minor units, including this
   * amount when it was allowed.
   */
  readonly spentInWindow: bigint;
  /** Id of the new reservation when one was held, otherwise null. */
  readonly reservationId: string | null;
}

/** Outcome of a commit or a release. */
export interface SettleOutcome {
  /**
   * True when the store no longer held the reservation (its TTL had passed). A commit then
   * still records the actual amount, because the action ran and its cost is real. A release
   * does nothing.
   */
  readonly expired: boolean;
}

/**
 * Keeps spends and reservations per ledger key.
 *
 * `checkAndReserve` must run these steps as one atomic operation per key, so that concurrent
 * callers can never together spend past `maxSpend`:
 * 1. drop reservations whose expiry time is ≤ `now`;
 * 2. drop committed spends older than `now - window` (a spend at exactly `now - window` stays);
 * 3. let `spent` be the remaining committed spends plus the active reservations;
 * 4. if `spent + amount > maxSpend`, reject and record nothing;
 * 5. otherwise record the amount as spent at `now`, or hold it when `holdFor` is a number.
 *
 * `commit` replaces a reservation by the actual amount, spent at `now`, and `release` drops it.
 * Both must be atomic too. Reservations count until settled or expired, whatever the window.
 *
 * A method may return a promise (a network store) or a plain value (the memory store). A store
 * that keeps its own clock, such as a Redis script reading the server's TIME, may use it in
 * place of `now`. Any throw or rejection from `checkAndReserve` is decided by the budget's
 * `onStoreError`, and one from `commit` or `release` reaches the caller as a ReservationStoreError.
 */
export interface BudgetStore {
  /**
   * @param key - The ledger's identity string, `namespace:resource@principal`.
   * @param now - The gate's clock reading in seconds.
   */
  checkAndReserve(key: string, request: SpendRequest, now: number): SpendOutcome | PromiseLike<SpendOutcome>;

  /** @param actual - The actual cost in minor units, ≤ the held amount. */
  commit(key: string, reservationId: string, actual: bigint, now: number): SettleOutcome | PromiseLike<SettleOutcome>;

  release(key: string, reservationId: string, now: number): SettleOutcome | PromiseLike<SettleOutcome>;
}
