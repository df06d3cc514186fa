/**
 * Compile-only checks of the decision event types, run by `tsc --noEmit` (the package's
 * typecheck script). Two made-up gates augment the map the way real gate packages do.
 */
import { expectTypeOf } from 'vitest';

import type { BusListener, DecisionEvent, GateType, ListenerErrorEvent } from './decision-event.js';
import { GateBus } from './gate-bus.js';

interface AlphaDecision {
  readonly status: 'ALLOW' | 'BLOCK';
  readonly callsInWindow: number;
}

interface BetaDecision {
  readonly status: 'ALLOW' | 'BLOCK';
  readonly remaining: string;
}

declare module './decision-event.js' {
  interface GateDecisionMap {
    alphagate: AlphaDecision;
    betagate: BetaDecision;
  }
}

declare const event: DecisionEvent;

// The augmentation adds the gate names.
expectTypeOf<'alphagate' | 'betagate'>().toMatchTypeOf<GateType>();

// Checking gateType narrows the decision.
if (event.gateType === 'alphagate') {
  expectTypeOf(event.decision).toEqualTypeOf<AlphaDecision>();
  expectTypeOf(event.decision.callsInWindow).toEqualTypeOf<number>();
} else if (event.gateType === 'betagate') {
  expectTypeOf(event.decision).toEqualTypeOf<BetaDecision>();
  // @ts-expect-error a beta decision has no callsInWindow
  void event.decision.callsInWindow;
}

// A single-gate event type carries exactly that gate's decision.
expectTypeOf<DecisionEvent<'betagate'>['decision']>().toEqualTypeOf<BetaDecision>();

{
  const bus = new GateBus();

  bus.on('decision', (payload) => {
    expectTypeOf(payload).toEqualTypeOf<DecisionEvent>();
  });
  bus.on('listenerError', (payload) => {
    expectTypeOf(payload).toEqualTypeOf<ListenerErrorEvent>();
  });

  // @ts-expect-error a gate type and its decision must match
  void bus.emit('decision', { gateType: 'alphagate', identity: 'a:b@c', decision: { status: 'ALLOW', remaining: '1' }, wire: {} });

  // @ts-expect-error an unknown gate type is rejected
  void bus.emit('decision', { gateType: 'nogate', identity: 'a:b@c', decision: {}, wire: {} });

  // @ts-expect-error only decisions can be emitted
  void bus.emit('listenerError', { error: 1, event });

  // @ts-expect-error unknown event names are rejected
  bus.on('decisions', () => undefined);

  const listener: BusListener<'decision'> = async () => undefined;
  bus.off('decision', listener);
}
