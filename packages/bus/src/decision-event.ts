/**
 * Decision events shared by every gate: the bus depends on no gate, and each gate package adds
 * itself to {@link GateDecisionMap} by module augmentation.
 *
 * @module
 */

/**
 * Maps each gate type to the decision object that gate emits. Empty here on purpose: a gate
 * package adds its own entry, so the bus never depends on a gate.
 *
 * @example
 * ```ts
 * declare module '@auditgate/bus' {
 *   interface GateDecisionMap {
 *     actiongate: Decision;
 *   }
 * }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface GateDecisionMap {}

/** Name of a gate registered in {@link GateDecisionMap}, for example `'actiongate'`. */
export type GateType = keyof GateDecisionMap & string;

/**
 * Payload of the bus's `decision` event, discriminated on `gateType`: checking
 * `event.gateType === 'actiongate'` narrows `decision` to that gate's decision type.
 */
export type DecisionEvent<K extends GateType = GateType> = {
  [P in K]: {
    /** Name of the gate that decided. */
    readonly gateType: P;
    /** The identity string of what the gate guards, `namespace:middle@principal`. */
    readonly identity: string;
    /** The gate's own decision object. */
    readonly decision: GateDecisionMap[P];
    /** The decision's snake_case wire form, ready to be an audit entry's `detail`. */
    readonly wire: Readonly<Record<string, unknown>>;
  };
}[K];

/** Payload of the bus's `listenerError` event: a `decision` listener threw or rejected. */
export interface ListenerErrorEvent {
  /** The thrown value or rejection reason. */
  readonly error: unknown;
  /** The decision event the failing listener received. */
  readonly event: DecisionEvent;
}

/** Every event the bus carries, by name. */
export type BusEvents = {
  decision: DecisionEvent;
  listenerError: ListenerErrorEvent;
};

/** Name of a bus event. */
export type BusEventType = keyof BusEvents;

/**
 * A bus listener. It may return a promise, and the bus waits for it in {@link GateBus.emit}'s
 * delivery report and in {@link GateBus.drain}.
 */
export type BusListener<E extends BusEventType> = (payload: BusEvents[E]) => unknown;
