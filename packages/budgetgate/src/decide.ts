import { errorMessage, isPromiseLike } from '@auditgate/gate-kit';

import type { Budget } from './budget.js';
import { Decimal } from './decimal.js';
import { Decision } from './decision.js';
import type { Ledger } from './ledger.js';
import type { BudgetStore, SpendOutcome } from './store.js';

/** Turns a store's outcome into a decision with a message for people. */
export function decisionFromOutcome(ledger: Ledger, budget: Budget, requested: Decimal, outcome: SpendOutcome): Decision {
  const spentInWindow = Decimal.fromUnits(outcome.spentInWindow, budget.scale);

  let message: string | null = null;
  if (!outcome.allowed) {
    const span = budget.window === null ? 'so far' : `in the last ${budget.window}s`;
    message = `Budget exceeded: ${spentInWindow.toString()} spent ${span} + ${requested.toString()} requested > ${budget.maxSpend.toString()} maximum.`;
  }

  return new Decision({
    status: outcome.allowed ? 'ALLOW' : 'BLOCK',
    ledger,
    budget,
    reason: outcome.allowed ? null : 'BUDGET_EXCEEDED',
    message,
    spentInWindow,
    requested,
  });
}

/** Decides by the budget's `onStoreError` after the store threw or rejected. */
export function decisionFromStoreError(ledger: Ledger, budget: Budget, requested: Decimal, error: unknown): Decision {
  const failOpen = budget.onStoreError === 'FAIL_OPEN';
  const effect = failOpen ? 'FAIL_OPEN, so the spend was allowed but not recorded' : 'FAIL_CLOSED, so the spend was blocked';

  return new Decision({
    status: failOpen ? 'ALLOW' : 'BLOCK',
    ledger,
    budget,
    reason: 'STORE_ERROR',
    message: `Store error (${effect}): ${errorMessage(error)}`,
    spentInWindow: Decimal.ZERO,
    requested,
    storeError: error,
  });
}

/** A decision and, when the store keeps an amount reserved for it, the reservation's id. */
export interface Decided {
  readonly decision: Decision;
  readonly reservationId: string | null;
}

/**
 * Asks the store to spend or hold `requested` in one atomic step and decides from its outcome.
 * Returns synchronously when the store does, so the memory store costs no promise hop.
 */
export function decideSpend(
  store: BudgetStore,
  now: number,
  ledger: Ledger,
  budget: Budget,
  requested: { amount: Decimal; units: bigint },
  holdFor: number | null,
): Decided | Promise<Decided> {
  const request = { amount: requested.units, maxSpend: budget.maxSpendUnits, window: budget.window, scale: budget.scale, holdFor };
  const fromOutcome = (outcome: SpendOutcome): Decided => ({
    decision: decisionFromOutcome(ledger, budget, requested.amount, outcome),
    reservationId: outcome.allowed ? outcome.reservationId : null,
  });
  const fromError = (error: unknown): Decided => ({
    decision: decisionFromStoreError(ledger, budget, requested.amount, error),
    reservationId: null,
  });

  let outcome: SpendOutcome | PromiseLike<SpendOutcome>;
  try {
    outcome = store.checkAndReserve(ledger.key, request, now);
  } catch (error) {
    return fromError(error);
  }
  if (isPromiseLike(outcome)) {
    return Promise.resolve(outcome).then(fromOutcome, fromError);
  }
  return fromOutcome(outcome);
}
