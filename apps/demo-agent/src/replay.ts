import { ActionGate, Gate, ManualClock } from '@auditgate/actiongate';
import { BudgetGate, Ledger, type Decision as BudgetDecision } from '@auditgate/budgetgate';
import type { GateBus } from '@auditgate/bus';
import { ACTION_POLICIES, costOf, DAILY_BUDGET, NAMESPACE } from './policies.js';
import type { ToolCall } from './tool-call.js';
import { Tally } from './tally.js';

/** The simulated time of the first conversation: 2024-06-01T00:00:00Z. */
export const REPLAY_START = 1_717_200_000;
/** Simulated seconds between the starts of two conversations. */
const CONVERSATION_GAP = 900;
/** Simulated seconds between two tool calls of one conversation. */
const CALL_GAP = 30;

export interface ReplayOptions {
  readonly bus: GateBus;
  /** Called with the simulated time before each tool call, so the audit engine can share the clock. */
  readonly onTime?: (seconds: number) => void;
  /** Called after each tool call with the number done so far. */
  readonly onProgress?: (done: number) => void;
}

/**
 * Replays tool calls in their recorded order on a simulated clock, so the same input always gives
 * the same decisions. Each call passes the action gate of its tool and customer first, then, if it
 * moves money, the customer's daily budget. A call runs only when every gate allows it.
 */
export async function replay(calls: readonly ToolCall[], options: ReplayOptions): Promise<Tally> {
  const clock = new ManualClock(REPLAY_START);
  const actions = new ActionGate({ bus: options.bus, clock });
  const budgets = new BudgetGate({ bus: options.bus, clock });
  const tally = new Tally();

  let conversation = -1;
  let position = 0;
  for (const [index, call] of calls.entries()) {
    if (call.conversation !== conversation) {
      conversation = call.conversation;
      position = 0;
    }
    clock.set(REPLAY_START + conversation * CONVERSATION_GAP + position * CALL_GAP);
    options.onTime?.(clock.now());
    position++;

    tally.see();
    const allowed = (await passActionGate(actions, call, tally)) && (await passBudget(budgets, call, tally));
    tally.outcome(call, allowed);
    options.onProgress?.(index + 1);
  }
  return tally;
}

async function passActionGate(actions: ActionGate, call: ToolCall, tally: Tally): Promise<boolean> {
  const policy = ACTION_POLICIES[call.tool];
  if (policy === undefined) return true;

  const gate = new Gate(NAMESPACE, call.tool, call.customer);
  const result = await actions.guardResult(gate, policy)(() => call.result)();
  tally.decision('actiongate', result.decision.reason ?? 'ALLOW');
  return result.ok;
}

async function passBudget(budgets: BudgetGate, call: ToolCall, tally: Tally): Promise<boolean> {
  const cost = costOf(call);
  if (cost.kind === 'none') return true;

  const ledger = new Ledger(NAMESPACE, 'payments', call.customer);
  const result =
    cost.kind === 'fixed'
      ? await budgets.guardResult(ledger, DAILY_BUDGET, cost.amount)(() => call.result)()
      : await budgets.guardResult(ledger, DAILY_BUDGET, cost.estimate, { actual: () => cost.actual })(() => call.result)();
  const decision: BudgetDecision = result.decision;
  tally.decision('budgetgate', decision.reason ?? 'ALLOW');
  if (result.ok) tally.spend(cost.kind === 'fixed' ? cost.amount : cost.actual);
  return result.ok;
}
