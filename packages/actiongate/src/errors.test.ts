import { GateError } from '@auditgate/gate-kit';
import { describe, expect, it } from 'vitest';

import { Decision } from './decision.js';
import { ActionGateError, Blocked, InvalidIdentityError, InvalidPolicyError } from './errors.js';
import { Gate } from './gate.js';
import { Policy } from './policy.js';

const blockDecision = new Decision({
  status: 'BLOCK',
  gate: new Gate('billing', 'refund', 'user:1'),
  policy: new Policy({ maxCalls: 1, window: 60 }),
  reason: 'RATE_LIMIT',
  message: 'Rate limit: 1 of 1 calls already made in the last 60s.',
  callsInWindow: 1,
  timeSinceLast: 2,
});

describe('ActionGateError', () => {
  it.each([
    ['InvalidIdentityError', new InvalidIdentityError('action', '', 'Invalid gate action.'), 'INVALID_IDENTITY'],
    ['InvalidPolicyError', new InvalidPolicyError('maxCalls', -1, 'Invalid policy maxCalls.'), 'INVALID_POLICY'],
    ['Blocked', new Blocked(blockDecision), 'BLOCKED'],
  ])('%s extends both bases', (name, error, code) => {
    expect(error).toBeInstanceOf(ActionGateError);
    expect(error).toBeInstanceOf(GateError);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
  });

  it('names the gate in Blocked', () => {
    expect(new Blocked(blockDecision).message).toContain('billing:refund@user:1');
  });
});
