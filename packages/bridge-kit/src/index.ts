/**
 * @auditgate/bridge-kit: the shared core of the bridges that record gate decisions from the bus
 * into audit trails. Use `@auditgate/bridge-actiongate` or `@auditgate/bridge-budgetgate`.
 *
 * @module
 */
export { DecisionBridge, DEFAULT_SEVERITIES, verdictOf, gateTrail, type BridgeOptions, type GateDecisionLike } from './decision-bridge.js';
