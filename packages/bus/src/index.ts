/**
 * Typed event bus shared by all auditgate gates.
 *
 * @module
 */
export type {
  BusEvents,
  BusEventType,
  BusListener,
  DecisionEvent,
  GateDecisionMap,
  GateType,
  ListenerErrorEvent,
} from './decision-event.js';
export type { DeliveryReport, ListenerFailure } from './delivery-report.js';
export { GateBus, type GateBusOptions } from './gate-bus.js';
export { VetoError } from './veto-error.js';
