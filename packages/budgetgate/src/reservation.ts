import type { Clock } from '@auditgate/gate-kit';

import type { Decimal, DecimalInput } from './decimal.js';
import type { Decision } from './decision.js';
import { CommitExceedsEstimateError, ReservationNotHeldError, ReservationSettledError, ReservationStoreError } from './errors.js';
import type { BudgetStore, SettleOutcome } from './store.js';

/**
 * Life cycle of a reservation. HELD moves to COMMITTED or RELEASED exactly once. COMMITTING and
 * RELEASING last while the store works, and fall back to HELD when it fails. NOT_HELD means
 * that the store keeps nothing for the request (a BLOCK, or an ALLOW on a store error).
 */
export type ReservationState = 'HELD' | 'COMMITTING' | 'RELEASING' | 'COMMITTED' | 'RELEASED' | 'NOT_HELD';

/** Store and clock that a {@link Reservation} settles through. Not part of the public API. */
export interface ReservationContext {
  readonly store: BudgetStore;
  readonly clock: Clock;
}

/**
 * An amount held against a budget while an action of bounded but unknown cost runs. Commit the
 * actual cost (at most the estimate) or release it, exactly once. A reservation that is neither
 * expires in the store after its TTL (the memory store enforces this, and the store contract
 * requires it), so a crashed caller cannot keep budget reserved forever.
 */
export class Reservation {
  /** The decision on the estimate. When it is not a plain ALLOW, nothing is held. */
  readonly decision: Decision;

  /** The store's id of the held amount, or null when nothing is held. */
  readonly id: string | null;

  readonly #context: ReservationContext;

  #state: ReservationState;

  /** @internal Built by BudgetGate.reserve. */
  constructor(decision: Decision, id: string | null, context: ReservationContext) {
    this.decision = decision;
    this.id = id;
    this.#context = context;
    this.#state = id === null ? 'NOT_HELD' : 'HELD';
  }

  /** The amount asked for. */
  get estimate(): Decimal {
    return this.decision.requested;
  }

  get state(): ReservationState {
    return this.#state;
  }

  /** True while the store keeps the estimate reserved. */
  get held(): boolean {
    return this.#state === 'HELD';
  }

  /**
   * Replaces the held estimate by the actual cost, recorded as spent now.
   *
   * @throws {InvalidAmountError} or {@link AmountPrecisionError} for a malformed `actual`. The reservation stays held.
   * @throws {CommitExceedsEstimateError} when `actual` is above the estimate. The reservation stays held.
   * @throws {ReservationSettledError} when it was already committed or released, or is being settled.
   * @throws {ReservationNotHeldError} when nothing was held.
   * @throws {ReservationStoreError} when the store failed. The reservation stays held.
   */
  async commit(actual: DecimalInput): Promise<SettleOutcome> {
    const id = this.#begin('commit');
    const { budget } = this.decision;
    const parsed = budget.toUnits(actual, 'actual');
    if (parsed.amount.compare(this.estimate) > 0) {
      throw new CommitExceedsEstimateError(parsed.amount.toString(), this.estimate.toString());
    }

    return this.#settle('commit', 'COMMITTING', 'COMMITTED', () =>
      this.#context.store.commit(this.decision.ledger.key, id, parsed.units, this.#context.clock.now()),
    );
  }

  /**
   * Gives the held estimate back to the budget.
   *
   * @throws {ReservationSettledError} when it was already committed or released, or is being settled.
   * @throws {ReservationNotHeldError} when nothing was held.
   * @throws {ReservationStoreError} when the store failed. The reservation stays held.
   */
  async release(): Promise<SettleOutcome> {
    const id = this.#begin('release');
    return this.#settle('release', 'RELEASING', 'RELEASED', () =>
      this.#context.store.release(this.decision.ledger.key, id, this.#context.clock.now()),
    );
  }

  #begin(operation: 'commit' | 'release'): string {
    if (this.#state === 'NOT_HELD' || this.id === null) {
      throw new ReservationNotHeldError(operation, this.decision);
    }
    if (this.#state !== 'HELD') {
      throw new ReservationSettledError(operation, this.#state);
    }
    return this.id;
  }

  async #settle(
    operation: 'commit' | 'release',
    during: ReservationState,
    after: ReservationState,
    call: () => SettleOutcome | PromiseLike<SettleOutcome>,
  ): Promise<SettleOutcome> {
    // Set before the first await, so a second call made meanwhile is rejected.
    this.#state = during;
    try {
      const outcome = await call();
      this.#state = after;
      return outcome;
    } catch (error) {
      this.#state = 'HELD';
      throw new ReservationStoreError(operation, error);
    }
  }
}
