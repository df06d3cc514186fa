import { errorMessage } from '@auditgate/gate-kit';

import { Decision } from './decision.js';
import type { Gate } from './gate.js';
import type { Policy } from './policy.js';
import type { CallOutcome } from './store.js';

function seconds(value: number): string {
  return `${Number(value.toFixed(3))}s`;
}

/** Turns a store's outcome into a decision with a message for people. */
export function decisionFromOutcome(gate: Gate, policy: Policy, outcome: CallOutcome): Decision {
  const { allowed, reason, callsInWindow, timeSinceLast } = outcome;

  let message: string | null = null;
  if (reason === 'COOLDOWN') {
    message = `Cooldown: ${seconds(timeSinceLast ?? 0)} since the last call, ${seconds(policy.cooldown)} required between calls.`;
  } else if (reason === 'RATE_LIMIT') {
    const span = policy.window === null ? 'with no window, so the count never resets' : `in the last ${seconds(policy.window)}`;
    message = `Rate limit: ${callsInWindow} of ${policy.maxCalls} calls already made ${span}.`;
  }

  return new Decision({
    status: allowed ? 'ALLOW' : 'BLOCK',
    gate,
    policy,
    reason,
    message,
    callsInWindow,
    timeSinceLast,
  });
}

/** Decides by the policy's `onStoreError` after the store threw or rejected. */
export function decisionFromStoreError(gate: Gate, policy: Policy, error: unknown): Decision {
  const failOpen = policy.onStoreError === 'FAIL_OPEN';
  const effect = failOpen ? 'FAIL_OPEN, so the call was allowed' : 'FAIL_CLOSED, so the call was blocked';

  return new Decision({
    status: failOpen ? 'ALLOW' : 'BLOCK',
    gate,
    policy,
    reason: 'STORE_ERROR',
    message: `Store error (${effect}): ${errorMessage(error)}`,
    callsInWindow: 0,
    timeSinceLast: null,
    storeError: error,
  });
}
