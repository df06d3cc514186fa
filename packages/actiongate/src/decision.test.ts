import { describe, expect, it } from 'vitest';

import { Decision } from './decision.js';
import { Gate } from './gate.js';
import { Policy } from './policy.js';

const gate = new Gate('billing', 'refund', 'user:1');
const policy = new Policy({ maxCalls: 2, window: 60 });

describe('Decision', () => {
  it('serializes exactly the schema 0.2.2 keys', () => {
    const decision = new Decision({
      status: 'BLOCK',
      gate,
      policy,
      reason: 'RATE_LIMIT',
      message: 'Rate limit: 2 of 2 calls already made in the last 60s.',
      callsInWindow: 2,
      timeSinceLast: 1.5,
    });

    expect(decision.toWire()).toStrictEqual({
      schema_version: '0.2.2',
      status: 'BLOCK',
      gate: 'billing:refund@user:1',
      reason: 'RATE_LIMIT',
      message: 'Rate limit: 2 of 2 calls already made in the last 60s.',
      calls_in_window: 2,
      time_since_last: 1.5,
    });
    expect(Object.keys(decision.toWire())).toEqual([
      'schema_version',
      'status',
      'gate',
      'reason',
      'message',
      'calls_in_window',
      'time_since_last',
    ]);
  });

  it('keeps nulls for a first allowed call', () => {
    const decision = new Decision({ status: 'ALLOW', gate, policy, reason: null, message: null, callsInWindow: 1, timeSinceLast: null });

    expect(decision.allowed).toBe(true);
    expect(decision.blocked).toBe(false);
    expect(decision.toWire()).toMatchObject({ reason: null, message: null, time_since_last: null });
    expect(JSON.parse(JSON.stringify(decision.toWire()))).toStrictEqual(decision.toWire());
  });

  it('clamps a negative time since last', () => {
    const decision = new Decision({ status: 'ALLOW', gate, policy, reason: null, message: null, callsInWindow: 1, timeSinceLast: -0.2 });

    expect(decision.timeSinceLast).toBe(0);
  });
});
