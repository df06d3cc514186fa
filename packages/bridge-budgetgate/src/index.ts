/**
 * @auditgate/bridge-budgetgate: records every budgetgate decision into an audit trail.
 *
 * @module
 */
import type { Decision } from '@auditgate/budgetgate';
import { DecisionBridge, gateTrail, type BridgeOptions } from '@auditgate/bridge-kit';

export { DEFAULT_SEVERITIES, verdictOf } from '@auditgate/bridge-kit';
export type BudgetBridgeOptions = BridgeOptions<Decision>;

/**
 * Records every budgetgate decision on `bus` into a trail of `engine`. By default the trail of
 * ledger `openai:gpt-4o@team:eng` is `openai:budgetgate@team:eng`. The entry's detail carries
 * the amounts as decimal strings, exactly as the decision's wire form has them.
 *
 * @example
 * const bridge = bridgeBudgetGate({ engine, bus });
 */
export function bridgeBudgetGate(options: BudgetBridgeOptions): DecisionBridge<'budgetgate', Decision> {
  return new DecisionBridge('budgetgate', (decision) => gateTrail(decision.ledger.namespace, 'budgetgate', decision.ledger.principal), options);
}
