/**
 * Exact money and token budgets for AI-agent actions, decided before the action runs.
 *
 * @module
 */
export { type Clock, ManualClock, Mode, StoreErrorMode, systemClock } from '@auditgate/gate-kit';
export { Budget, type BudgetOptions, DEFAULT_SCALE, MAX_SCALE } from './budget.js';
export { BudgetGate, type BudgetGateOptions, DEFAULT_RESERVATION_TTL, type ReserveOptions } from './budget-gate.js';
export { Decimal, type DecimalInput } from './decimal.js';
export {
  BUDGET_DECISION_SCHEMA_VERSION,
  type BudgetDecisionWire,
  Decision,
  type DecisionFields,
  type DecisionReason,
  type Status,
} from './decision.js';
export {
  AmountPrecisionError,
  Blocked,
  BudgetGateError,
  CommitExceedsEstimateError,
  type IdentityPart,
  InvalidAmountError,
  InvalidBudgetError,
  InvalidIdentityError,
  ReservationNotHeldError,
  ReservationSettledError,
  ReservationStoreError,
} from './errors.js';
export type { GuardOptions, MeteredGuardOptions } from './guarded-call.js';
export { Ledger } from './ledger.js';
export { MemoryBudgetStore } from './memory-store.js';
export { Reservation, type ReservationState } from './reservation.js';
export type { ErrResult, OkResult, Result } from './result.js';
export type { BudgetStore, SettleOutcome, SpendOutcome, SpendRequest } from './store.js';
