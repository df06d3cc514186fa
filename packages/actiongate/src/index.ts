/**
 * Rate limits and cooldowns for AI-agent actions, decided before the action runs.
 *
 * @module
 */
export { type Clock, ManualClock, Mode, StoreErrorMode, systemClock } from '@auditgate/gate-kit';
export { ActionGate, type ActionGateOptions } from './action-gate.js';
export {
  ACTION_DECISION_SCHEMA_VERSION,
  type ActionDecisionWire,
  Decision,
  type DecisionFields,
  type DecisionReason,
  type Status,
} from './decision.js';
export { ActionGateError, Blocked, type IdentityPart, InvalidIdentityError, InvalidPolicyError } from './errors.js';
export { Gate } from './gate.js';
export { MemoryActionStore } from './memory-store.js';
export { Policy, type PolicyOptions } from './policy.js';
export type { ErrResult, OkResult, Result } from './result.js';
export type { ActionStore, CallBlockReason, CallLimits, CallOutcome } from './store.js';
