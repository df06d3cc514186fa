import { ExpiryQueue } from './expiry-queue.js';
import { SpendHistory } from './spend-history.js';
import type { BudgetStore, SettleOutcome, SpendOutcome, SpendRequest } from './store.js';

interface HeldAmount {
  readonly amount: bigint;
  readonly expiresAt: number;
}

class LedgerState {
  readonly spends = new SpendHistory();

  // Spends made under a budget without window never expire, so they are kept only as a sum.
  permanent = 0n;

  readonly held = new Map<string, HeldAmount>();

  heldTotal = 0n;

  readonly expiry = new ExpiryQueue();

  constructor(readonly scale: number) {}

  expireReservations(now: number): void {
    for (let id = this.expiry.popExpired(now); id !== null; id = this.expiry.popExpired(now)) {
      const entry = this.held.get(id);
      if (entry !== undefined && entry.expiresAt <= now) {
        this.held.delete(id);
        this.heldTotal -= entry.amount;
      }
    }
  }
}

const SETTLED: SettleOutcome = Object.freeze({ expired: false });
const EXPIRED: SettleOutcome = Object.freeze({ expired: true });

/**
 * Single-process {@link BudgetStore}. Every method runs synchronously, so JavaScript's single
 * thread makes each step atomic without locks.
 *
 * Memory per ledger: one ring entry per committed spend still in the window, one map entry
 * per active reservation, and a plain sum for spends under a budget without window. Ledgers
 * are never evicted on their own, so call {@link clear} for ledgers that are gone.
 */
export class MemoryBudgetStore implements BudgetStore {
  readonly #ledgers = new Map<string, LedgerState>();

  #lastReservation = 0;

  /** @throws {Error} when the ledger was used before with another scale. */
  checkAndReserve(key: string, request: SpendRequest, now: number): SpendOutcome {
    const state = this.#state(key, request.scale);
    state.expireReservations(now);

    if (request.window === null) {
      state.permanent += state.spends.takeAll();
    } else {
      state.spends.dropOlderThan(now - request.window);
    }

    const spent = state.permanent + state.spends.total + state.heldTotal;
    if (spent + request.amount > request.maxSpend) {
      return { allowed: false, spentInWindow: spent, reservationId: null };
    }

    if (request.holdFor === null) {
      this.#record(state, request.window === null, now, request.amount);
      return { allowed: true, spentInWindow: spent + request.amount, reservationId: null };
    }

    this.#lastReservation += 1;
    const reservationId = `r${this.#lastReservation}`;
    const expiresAt = now + request.holdFor;
    state.held.set(reservationId, { amount: request.amount, expiresAt });
    state.heldTotal += request.amount;
    state.expiry.push(expiresAt, reservationId);
    return { allowed: true, spentInWindow: spent + request.amount, reservationId };
  }

  /** @throws {Error} when `actual` exceeds the held amount. */
  commit(key: string, reservationId: string, actual: bigint, now: number): SettleOutcome {
    const state = this.#ledgers.get(key);
    state?.expireReservations(now);
    const entry = state?.held.get(reservationId);

    if (state === undefined || entry === undefined) {
      // The action ran, so its cost is real even though the hold has lapsed.
      if (state !== undefined) {
        this.#record(state, false, now, actual);
      }
      return EXPIRED;
    }
    if (actual > entry.amount) {
      throw new Error(`Invalid actual cost of ${actual} units: it exceeds the ${entry.amount} units held by reservation ${reservationId}.`);
    }

    state.held.delete(reservationId);
    state.heldTotal -= entry.amount;
    this.#record(state, false, now, actual);
    return SETTLED;
  }

  release(key: string, reservationId: string, now: number): SettleOutcome {
    const state = this.#ledgers.get(key);
    state?.expireReservations(now);
    const entry = state?.held.get(reservationId);
    if (state === undefined || entry === undefined) {
      return EXPIRED;
    }

    state.held.delete(reservationId);
    state.heldTotal -= entry.amount;
    return SETTLED;
  }

  /** Forgets one ledger key, or every key when called without one. */
  clear(key?: string): void {
    if (key === undefined) {
      this.#ledgers.clear();
    } else {
      this.#ledgers.delete(key);
    }
  }

  /** Number of ledger keys with state. */
  get size(): number {
    return this.#ledgers.size;
  }

  #state(key: string, scale: number): LedgerState {
    let state = this.#ledgers.get(key);
    if (state === undefined) {
      state = new LedgerState(scale);
      this.#ledgers.set(key, state);
    } else if (state.scale !== scale) {
      throw new Error(`Invalid scale ${scale} for ledger ${key}: it stores amounts at scale ${state.scale}. Use one scale for every budget of a ledger.`);
    }
    return state;
  }

  #record(state: LedgerState, permanent: boolean, now: number, amount: bigint): void {
    if (amount === 0n) {
      return;
    }
    if (permanent) {
      state.permanent += amount;
    } else {
      state.spends.append(now, amount);
    }
  }
}
