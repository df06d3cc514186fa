import { GateBus } from '@auditgate/bus';
import type { DecisionEvent } from '@auditgate/bus';
import { ManualClock } from '@auditgate/gate-kit';
import { describe, expect, it } from 'vitest';

import { ActionGate } from './action-gate.js';
import { InvalidIdentityError, InvalidPolicyError } from './errors.js';
import { Gate } from './gate.js';
import { MemoryActionStore } from './memory-store.js';
import { Policy, type PolicyOptions } from './policy.js';
import type { ActionStore, CallOutcome } from './store.js';

const gate = new Gate('billing', 'refund', 'user:1');

function setup(options: PolicyOptions, store: ActionStore = new MemoryActionStore()) {
  const clock = new ManualClock(1000);
  const actions = new ActionGate({ clock, store });
  return { clock, actions, policy: new Policy(options) };
}

const failingStore: ActionStore = {
  checkAndReserve() {
    throw new Error('connection refused');
  },
};

const rejectingStore: ActionStore = {
  checkAndReserve() {
    return Promise.reject(new Error('timed out'));
  },
};

/** Delegates to a memory store after a macrotask, as a network store would. */
function delayedStore(): ActionStore {
  const inner = new MemoryActionStore();
  return {
    checkAndReserve(key, limits, now) {
      return new Promise<CallOutcome>((resolve) => setTimeout(() => resolve(inner.checkAndReserve(key, limits, now)), 0));
    },
  };
}

describe('ActionGate.check', () => {
  describe('rate limit', () => {
    it('allows maxCalls then blocks', async () => {
      const { actions, policy } = setup({ maxCalls: 2, window: 60 });

      const first = await actions.check(gate, policy);
      const second = await actions.check(gate, policy);
      const third = await actions.check(gate, policy);

      expect([first.status, second.status, third.status]).toEqual(['ALLOW', 'ALLOW', 'BLOCK']);
      expect(third.reason).toBe('RATE_LIMIT');
      expect([first.callsInWindow, second.callsInWindow, third.callsInWindow]).toEqual([1, 2, 2]);
      expect(third.message).toContain('2 of 2');
    });

    it('maxCalls zero blocks every call', async () => {
      const { actions, policy } = setup({ maxCalls: 0, window: 60 });

      const decision = await actions.check(gate, policy);

      expect(decision.reason).toBe('RATE_LIMIT');
      expect(decision.callsInWindow).toBe(0);
    });

    it('calls leave the window after window seconds', async () => {
      const { actions, clock, policy } = setup({ maxCalls: 1, window: 10 });
      await actions.check(gate, policy);

      clock.advance(10);
      expect((await actions.check(gate, policy)).status).toBe('BLOCK');

      clock.advance(0.001);
      const later = await actions.check(gate, policy);
      expect(later.status).toBe('ALLOW');
      expect(later.callsInWindow).toBe(1);
    });

    it('null window counts all history', async () => {
      const { actions, clock, policy } = setup({ maxCalls: 1, window: null });
      await actions.check(gate, policy);

      clock.advance(1e9);
      const decision = await actions.check(gate, policy);

      expect(decision.reason).toBe('RATE_LIMIT');
      expect(decision.timeSinceLast).toBe(1e9);
    });

    it('blocked calls are not recorded', async () => {
      const { actions, clock, policy } = setup({ maxCalls: 1, window: 10 });
      await actions.check(gate, policy);
      clock.advance(5);
      await actions.check(gate, policy);

      // Only the call at 1000 counts, so it expires at 1010 even though a block happened at 1005.
      clock.set(1010.5);
      const decision = await actions.check(gate, policy);

      expect(decision.status).toBe('ALLOW');
      expect(decision.timeSinceLast).toBeNull();
    });

    it('distinct gates share no state', async () => {
      const { actions, policy } = setup({ maxCalls: 1, window: 60 });
      await actions.check(gate, policy);

      const other = await actions.check(new Gate('billing', 'refund', 'user:2'), policy);

      expect(other.status).toBe('ALLOW');
    });
  });

  describe('cooldown', () => {
    it('blocks until cooldown has passed', async () => {
      const { actions, clock, policy } = setup({ maxCalls: 10, window: 60, cooldown: 2 });
      await actions.check(gate, policy);

      clock.advance(1.5);
      const early = await actions.check(gate, policy);
      clock.advance(0.5);
      const onTime = await actions.check(gate, policy);

      expect(early.reason).toBe('COOLDOWN');
      expect(early.timeSinceLast).toBe(1.5);
      expect(early.callsInWindow).toBe(1);
      expect(onTime.status).toBe('ALLOW');
      expect(onTime.timeSinceLast).toBe(2);
    });

    it('is checked before the rate limit', async () => {
      const { actions, clock, policy } = setup({ maxCalls: 1, window: 60, cooldown: 5 });
      await actions.check(gate, policy);
      clock.advance(1);

      const decision = await actions.check(gate, policy);

      expect(decision.reason).toBe('COOLDOWN');
    });

    it('waiting it out does not lower the count', async () => {
      const { actions, clock, policy } = setup({ maxCalls: 2, window: 60, cooldown: 1 });
      await actions.check(gate, policy);
      clock.advance(1);
      await actions.check(gate, policy);

      clock.advance(5);
      const decision = await actions.check(gate, policy);

      expect(decision.reason).toBe('RATE_LIMIT');
      expect(decision.callsInWindow).toBe(2);
    });

    it('applies only to calls still in the window', async () => {
      // Pruning runs first, so a call that left the window no longer starts a cooldown.
      const { actions, clock, policy } = setup({ maxCalls: 5, window: 10, cooldown: 20 });
      await actions.check(gate, policy);
      clock.advance(15);

      const decision = await actions.check(gate, policy);

      expect(decision.status).toBe('ALLOW');
      expect(decision.timeSinceLast).toBeNull();
    });

    it('blocked call does not restart the cooldown', async () => {
      const { actions, clock, policy } = setup({ maxCalls: 10, window: 60, cooldown: 2 });
      await actions.check(gate, policy);
      clock.advance(1.9);
      await actions.check(gate, policy);

      clock.advance(0.1);
      expect((await actions.check(gate, policy)).status).toBe('ALLOW');
    });
  });

  describe('store errors', () => {
    it.each([
      ['throwing', failingStore, 'connection refused'],
      ['rejecting', rejectingStore, 'timed out'],
    ])('%s store blocks under FAIL_CLOSED', async (_label, store, text) => {
      const { actions, policy } = setup({ maxCalls: 5, window: 60 }, store);

      const decision = await actions.check(gate, policy);

      expect(decision.status).toBe('BLOCK');
      expect(decision.reason).toBe('STORE_ERROR');
      expect(decision.message).toContain(text);
      expect((decision.storeError as Error).message).toBe(text);
      expect(decision.callsInWindow).toBe(0);
      expect(decision.timeSinceLast).toBeNull();
    });

    it.each([
      ['throwing', failingStore],
      ['rejecting', rejectingStore],
    ])('%s store allows under FAIL_OPEN', async (_label, store) => {
      const { actions, policy } = setup({ maxCalls: 5, window: 60, onStoreError: 'FAIL_OPEN' }, store);

      const decision = await actions.check(gate, policy);

      expect(decision.status).toBe('ALLOW');
      expect(decision.reason).toBe('STORE_ERROR');
      expect(decision.message).toContain('FAIL_OPEN');
    });
  });

  describe('concurrency', () => {
    it.each([
      ['memory', () => new MemoryActionStore()],
      ['async', delayedStore],
    ])('1000 concurrent checks allow exactly 10 (%s store)', async (_label, makeStore) => {
      const { actions, policy } = setup({ maxCalls: 10, window: 60 }, makeStore());

      const decisions = await Promise.all(Array.from({ length: 1000 }, () => actions.check(gate, policy)));

      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
      expect(decisions.filter((decision) => decision.reason === 'RATE_LIMIT')).toHaveLength(990);
    });
  });

  describe('bus', () => {
    it('emits every decision with its wire form', async () => {
      const bus = new GateBus();
      const events: DecisionEvent[] = [];
      bus.on('decision', (event) => {
        events.push(event);
      });
      const actions = new ActionGate({ bus, clock: new ManualClock(5) });
      const policy = new Policy({ maxCalls: 1, window: 60 });

      const allowed = await actions.check(gate, policy);
      const blocked = await actions.check(gate, policy);

      expect(events).toHaveLength(2);
      expect(events[0]).toStrictEqual({ gateType: 'actiongate', identity: gate.key, decision: allowed, wire: allowed.toWire() });
      expect(events[1]?.decision).toBe(blocked);
      expect(events[1]?.wire).toMatchObject({ status: 'BLOCK', reason: 'RATE_LIMIT' });
    });

    it('failing listener does not affect the decision', async () => {
      const bus = new GateBus();
      bus.on('decision', () => {
        throw new Error('listener broke');
      });
      const actions = new ActionGate({ bus });

      const decision = await actions.check(gate, new Policy({ maxCalls: 1, window: 60 }));

      expect(decision.status).toBe('ALLOW');
      expect(bus.listenerErrors).toBe(1);
    });
  });

  describe('arguments', () => {
    it('rejects a plain object as gate or policy', () => {
      const actions = new ActionGate();
      const policy = new Policy({ maxCalls: 1, window: 60 });
      const fakePolicy = { maxCalls: 1, window: 60, cooldown: 0, mode: 'HARD', onStoreError: 'FAIL_CLOSED' } as unknown as Policy;

      expect(() => actions.check({ key: 'a:b@c' } as unknown as Gate, policy)).toThrow(InvalidIdentityError);
      expect(() => actions.check(gate, fakePolicy)).toThrow(InvalidPolicyError);
    });
  });
});
