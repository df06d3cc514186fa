import type { Budget } from './budget.js';
import { Decimal } from './decimal.js';
import type { Ledger } from './ledger.js';

/** Version of the serialized decision form shared with the Python BudgetGate. */
export const BUDGET_DECISION_SCHEMA_VERSION = '0.2.2';

/** Outcome of a check. */
export type Status = 'ALLOW' | 'BLOCK';

/**
 * Reason for a decision, null for an ordinary ALLOW. STORE_ERROR goes with BLOCK under
 * FAIL_CLOSED and with ALLOW under FAIL_OPEN.
 */
export type DecisionReason = 'BUDGET_EXCEEDED' | 'STORE_ERROR';

/** The serialized budget decision, key for key as the Python side writes it, with amounts as exact decimal strings. */
export type BudgetDecisionWire = {
  schema_version: typeof BUDGET_DECISION_SCHEMA_VERSION;
  status: Status;
  ledger: string;
  reason: DecisionReason | null;
  message: string | null;
  spent_in_window: string;
  requested: string;
  remaining: string;
};

/** Fields of a {@link Decision}. */
export interface DecisionFields {
  status: Status;
  ledger: Ledger;
  budget: Budget;
  reason: DecisionReason | null;
  message: string | null;
  spentInWindow: Decimal;
  requested: Decimal;
  storeError?: unknown;
}

/** The result of one spend check or reservation: every field needed to audit it, frozen. */
export class Decision {
  readonly status: Status;

  readonly ledger: Ledger;

  readonly budget: Budget;

  readonly reason: DecisionReason | null;

  /** Explanation for people, or null for an ordinary ALLOW. */
  readonly message: string | null;

  /**
   * Committed spends in the window plus active reservations, including this request when it
   * was allowed. 0 on a store error.
   */
  readonly spentInWindow: Decimal;

  /** The amount asked for. */
  readonly requested: Decimal;

  /** `maxSpend - spentInWindow`, clamped to ≥ 0. 0 on a store error. */
  readonly remaining: Decimal;

  /** Error the store threw or rejected with when reason is STORE_ERROR. Not part of the wire form. */
  readonly storeError: unknown;

  constructor(fields: DecisionFields) {
    this.status = fields.status;
    this.ledger = fields.ledger;
    this.budget = fields.budget;
    this.reason = fields.reason;
    this.message = fields.message;
    this.spentInWindow = fields.spentInWindow;
    this.requested = fields.requested;
    this.storeError = fields.storeError;

    if (fields.reason === 'STORE_ERROR') {
      this.remaining = Decimal.ZERO;
    } else {
      const left = fields.budget.maxSpend.subtract(fields.spentInWindow);
      this.remaining = left.isNegative() ? Decimal.ZERO : left;
    }
    Object.freeze(this);
  }

  /** True when the status is ALLOW. */
  get allowed(): boolean {
    return this.status === 'ALLOW';
  }

  /** True when the status is BLOCK. */
  get blocked(): boolean {
    return this.status === 'BLOCK';
  }

  /** Returns the serialized form: exactly the eight keys of schema 0.2.2, in snake_case. */
  toWire(): BudgetDecisionWire {
    return {
      schema_version: BUDGET_DECISION_SCHEMA_VERSION,
      status: this.status,
      ledger: this.ledger.key,
      reason: this.reason,
      message: this.message,
      spent_in_window: this.spentInWindow.toString(),
      requested: this.requested.toString(),
      remaining: this.remaining.toString(),
    };
  }
}

declare module '@auditgate/bus' {
  interface GateDecisionMap {
    budgetgate: Decision;
  }
}
