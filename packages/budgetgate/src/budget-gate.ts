import type { DeliveryReport, GateBus, VetoError } from '@auditgate/bus';
import { type Clock, errResult, okResult, systemClock } from '@auditgate/gate-kit';

import type { Budget } from './budget.js';
import type { DecimalInput } from './decimal.js';
import { type Decided, decideSpend } from './decide.js';
import type { Decision } from './decision.js';
import { Blocked } from './errors.js';
import { type GuardOptions, type MeteredGuardOptions, runGuarded } from './guarded-call.js';
import type { Ledger } from './ledger.js';
import { MemoryBudgetStore } from './memory-store.js';
import { Reservation } from './reservation.js';
import type { Result } from './result.js';
import type { BudgetStore } from './store.js';
import { requireArguments, requireTtl } from './validate.js';

/** Seconds a reservation is held when no TTL is given: 300, five minutes. */
export const DEFAULT_RESERVATION_TTL = 300;

/** Options of a {@link BudgetGate}. */
export interface BudgetGateOptions {
  /** Store of spends and reservations. Default: a new {@link MemoryBudgetStore}. */
  store?: BudgetStore;
  /** Time source in seconds. Default: {@link systemClock}. */
  clock?: Clock;
  /** Receives every decision as a `decision` event with gateType `'budgetgate'`. */
  bus?: GateBus;
  /** Seconds an unsettled reservation is held before it expires. Default: {@link DEFAULT_RESERVATION_TTL}. */
  reservationTtl?: number;
}

/** Options of {@link BudgetGate.reserve}. */
export interface ReserveOptions {
  /** Seconds to hold the estimate. Default: the gate's `reservationTtl`. */
  ttl?: number;
}

const NO_VETOES: readonly VetoError[] = [];

/**
 * Exact spend limits for agent actions, decided before the action runs.
 *
 * @example
 * ```ts
 * const budgets = new BudgetGate({ bus });
 * const ledger = new Ledger('openai', 'gpt-4o', 'team:eng');
 * const budget = new Budget({ maxSpend: '10.00', window: 3600 });
 * const decision = await budgets.check(ledger, budget, '0.25'); // spends 0.25 when allowed
 * ```
 */
export class BudgetGate {
  readonly #store: BudgetStore;

  readonly #clock: Clock;

  readonly #bus: GateBus | undefined;

  readonly #ttl: number;

  /** @throws {InvalidBudgetError} when `reservationTtl` is not a number of seconds > 0. */
  constructor(options: BudgetGateOptions = {}) {
    this.#store = options.store ?? new MemoryBudgetStore();
    this.#clock = options.clock ?? systemClock;
    this.#bus = options.bus;
    this.#ttl = requireTtl(options.reservationTtl ?? DEFAULT_RESERVATION_TTL, 'reservationTtl');
  }

  /**
   * Fixed cost: checks `amount` against the budget and, when allowed, records it as spent in
   * the same atomic store step. The decision is emitted on the bus without waiting for
   * listeners. Store failures become STORE_ERROR decisions and never reject.
   *
   * @throws {InvalidIdentityError} or {@link InvalidBudgetError} when an argument is not an instance.
   * @throws {InvalidAmountError} or {@link AmountPrecisionError} for an invalid amount.
   */
  check(ledger: Ledger, budget: Budget, amount: DecimalInput): Promise<Decision> {
    const decided = this.#decide(ledger, budget, amount, 'amount', null);
    if (decided instanceof Promise) {
      return decided.then(({ decision }) => {
        void this.#publish(decision);
        return decision;
      });
    }
    void this.#publish(decided.decision);
    return Promise.resolve(decided.decision);
  }

  /**
   * Bounded dynamic cost: holds `estimate` against the budget until the returned reservation is
   * committed with the actual cost, released, or expires after its TTL. When the decision is
   * not ALLOW, or the store failed, nothing is held (`reservation.held` is false).
   *
   * @throws {InvalidIdentityError}, {@link InvalidBudgetError}, {@link InvalidAmountError} or
   * {@link AmountPrecisionError} for invalid arguments.
   */
  async reserve(ledger: Ledger, budget: Budget, estimate: DecimalInput, options: ReserveOptions = {}): Promise<Reservation> {
    const decided = await this.#decide(ledger, budget, estimate, 'estimate', requireTtl(options.ttl ?? this.#ttl, 'ttl'));
    void this.#publish(decided.decision);
    return this.#reservation(decided);
  }

  /**
   * Wraps `fn` so that every call first reserves the estimate. A call that is allowed runs `fn`
   * and then commits `actual(result)` (default: the whole estimate). A call whose `fn` throws,
   * or whose `signal` aborts, releases its reservation and rejects with that error or the
   * signal's reason. Under HARD a BLOCK rejects with {@link Blocked}, and under SOFT `fn` runs
   * anyway with nothing held. Each call waits for the bus listeners of its decision, and a
   * veto releases the reservation and rejects with the VetoError instead of running `fn`.
   *
   * When `actual` throws or returns an amount above the estimate, the estimate is committed
   * and the call rejects with that error, although `fn` has run.
   *
   * @throws {InvalidIdentityError}, {@link InvalidBudgetError}, {@link InvalidAmountError} or
   * {@link AmountPrecisionError} at once for invalid arguments.
   */
  guard<R>(
    ledger: Ledger,
    budget: Budget,
    estimate: DecimalInput,
    options: MeteredGuardOptions<R>,
  ): <A extends unknown[]>(fn: (...args: A) => R | PromiseLike<R>) => (...args: A) => Promise<R>;
  guard(
    ledger: Ledger,
    budget: Budget,
    cost: DecimalInput,
    options?: GuardOptions,
  ): <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => Promise<Awaited<R>>;
  guard(ledger: Ledger, budget: Budget, estimate: DecimalInput, options: GuardOptions & { actual?: (result: unknown) => DecimalInput } = {}) {
    this.#validateGuard(ledger, budget, estimate, options);
    return (fn: (...args: unknown[]) => unknown) =>
      async (...args: unknown[]) => {
        const outcome = await runGuarded(() => this.#admit(ledger, budget, estimate, options), options, () => fn(...args));
        if (outcome.stop !== null) {
          throw outcome.stop;
        }
        return outcome.value;
      };
  }

  /**
   * Like {@link guard}, but a call stopped by a HARD block or a veto resolves to a
   * {@link Result} with `ok: false` instead of rejecting. Errors of `fn`, aborts and failures
   * of `actual` still reject.
   *
   * @throws {InvalidIdentityError}, {@link InvalidBudgetError}, {@link InvalidAmountError} or
   * {@link AmountPrecisionError} at once for invalid arguments.
   */
  guardResult<R>(
    ledger: Ledger,
    budget: Budget,
    estimate: DecimalInput,
    options: MeteredGuardOptions<R>,
  ): <A extends unknown[]>(fn: (...args: A) => R | PromiseLike<R>) => (...args: A) => Promise<Result<R>>;
  guardResult(
    ledger: Ledger,
    budget: Budget,
    cost: DecimalInput,
    options?: GuardOptions,
  ): <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => Promise<Result<Awaited<R>>>;
  guardResult(ledger: Ledger, budget: Budget, estimate: DecimalInput, options: GuardOptions & { actual?: (result: unknown) => DecimalInput } = {}) {
    this.#validateGuard(ledger, budget, estimate, options);
    return (fn: (...args: unknown[]) => unknown) =>
      async (...args: unknown[]) => {
        const outcome = await runGuarded(() => this.#admit(ledger, budget, estimate, options), options, () => fn(...args));
        if (outcome.stop !== null) {
          return errResult(outcome.decision, outcome.stop);
        }
        return okResult(outcome.value, outcome.decision);
      };
  }

  #validateGuard(ledger: Ledger, budget: Budget, estimate: DecimalInput, options: GuardOptions): void {
    requireArguments(ledger, budget);
    budget.toUnits(estimate, 'estimate');
    if (options.ttl !== undefined) {
      requireTtl(options.ttl, 'ttl');
    }
  }

  async #admit(ledger: Ledger, budget: Budget, estimate: DecimalInput, options: GuardOptions) {
    const decided = await this.#decide(ledger, budget, estimate, 'estimate', options.ttl ?? this.#ttl);
    const report = this.#publish(decided.decision);
    const vetoes = report === undefined ? NO_VETOES : (await report).vetoes;
    const reservation = this.#reservation(decided);

    if (decided.decision.blocked && budget.mode === 'HARD') {
      return { reservation, stop: new Blocked(decided.decision) };
    }
    return { reservation, stop: vetoes[0] ?? null };
  }

  #reservation(decided: Decided): Reservation {
    return new Reservation(decided.decision, decided.reservationId, { store: this.#store, clock: this.#clock });
  }

  #decide(ledger: Ledger, budget: Budget, input: DecimalInput, field: string, holdFor: number | null): Decided | Promise<Decided> {
    requireArguments(ledger, budget);
    return decideSpend(this.#store, this.#clock.now(), ledger, budget, budget.toUnits(input, field), holdFor);
  }

  #publish(decision: Decision): Promise<DeliveryReport> | undefined {
    const bus = this.#bus;
    // Building the wire form costs allocations, so it is skipped when no listener is registered.
    if (bus === undefined || bus.listenerCount('decision') === 0) {
      return undefined;
    }
    return bus.emit('decision', { gateType: 'budgetgate', identity: decision.ledger.key, decision, wire: decision.toWire() });
  }
}
