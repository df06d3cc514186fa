/**
 * @auditgate/bridge-actiongate: records every actiongate decision into an audit trail.
 *
 * @module
 */
import type { Decision } from '@auditgate/actiongate';
import { DecisionBridge, gateTrail, type BridgeOptions } from '@auditgate/bridge-kit';

export { DEFAULT_SEVERITIES, verdictOf } from '@auditgate/bridge-kit';
export type ActionBridgeOptions = BridgeOptions<Decision>;

/**
 * Records every actiongate decision on `bus` into a trail of `engine`. By default the trail of
 * gate `billing:refund@user:42` is `billing:actiongate@user:42`, so one trail contains all of a
 * principal's actiongate decisions in a namespace.
 *
 * @example
 * const bus = new GateBus();
 * const engine = new Engine({ store: new MemoryStore() });
 * const bridge = bridgeActionGate({ engine, bus });
 * const gate = new ActionGate({ bus });
 * await gate.check(new Gate('billing', 'refund', 'user:42'), new Policy({ maxCalls: 3, window: 60 }));
 * await bridge.flush();
 */
export function bridgeActionGate(options: ActionBridgeOptions): DecisionBridge<'actiongate', Decision> {
  return new DecisionBridge('actiongate', (decision) => gateTrail(decision.gate.namespace, 'actiongate', decision.gate.principal), options);
}
