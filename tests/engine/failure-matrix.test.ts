import { AuditError, Engine, type AuditPolicy } from '@auditgate/core';
import { describe, expect, it, vi } from 'vitest';
import { FlakyStore } from './flaky-store.js';
import { allow } from './helpers.js';

const TRAIL = 'billing:actiongate@user:42';
const GUARD = { verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'billing:refund@user:42' } as const;

function brokenEngine(policy: Partial<AuditPolicy>) {
  const store = new FlakyStore();
  store.failures = Infinity;
  const engine = new Engine({ store });
  engine.register(TRAIL, policy);
  const seen: string[] = [];
  engine.onDecision((decision) => seen.push(`${decision.status}:${String(decision.reason)}`));
  return { engine, seen };
}

describe('failure matrix', () => {
  describe.each([
    ['HARD', 'FAIL_CLOSED'],
    ['HARD', 'FAIL_OPEN'],
    ['SOFT', 'FAIL_CLOSED'],
    ['SOFT', 'FAIL_OPEN'],
  ] as const)('%s + %s', (mode, onStoreError) => {
    const policy = { mode, onStoreError };

    it(mode === 'HARD' ? 'record() throws AuditError' : 'record() returns DROPPED', async () => {
      const { engine } = brokenEngine(policy);
      if (mode === 'HARD') {
        const error = await engine.record(allow(TRAIL)).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(AuditError);
        expect((error as AuditError).decision.reason).toBe('STORE_ERROR');
        expect((error as AuditError).message).toContain(TRAIL);
      } else {
        const decision = await engine.record(allow(TRAIL));
        expect(decision.status).toBe('DROPPED');
        expect(decision.reason).toBe('STORE_ERROR');
        expect(decision.entry).toBeNull();
      }
    });

    it(onStoreError === 'FAIL_CLOSED' ? 'guard() throws and never runs the action' : 'guard() runs the action unaudited', async () => {
      const { engine, seen } = brokenEngine(policy);
      const action = vi.fn(() => 'refunded');
      const outcome = engine.guard(TRAIL, GUARD)(action);
      if (onStoreError === 'FAIL_CLOSED') {
        await expect(outcome).rejects.toBeInstanceOf(AuditError);
        expect(action).not.toHaveBeenCalled();
      } else {
        await expect(outcome).resolves.toBe('refunded');
        expect(action).toHaveBeenCalledOnce();
      }
      expect(seen).toEqual(['DROPPED:STORE_ERROR']);
    });

    it(onStoreError === 'FAIL_CLOSED' ? 'guardResult() returns no value' : "guardResult() returns the action's value", async () => {
      const { engine } = brokenEngine(policy);
      const action = vi.fn(async () => 7);
      const result = await engine.guardResult(TRAIL, GUARD)(action);
      expect(result.decision.status).toBe('DROPPED');
      if (onStoreError === 'FAIL_CLOSED') {
        expect(result.ok).toBe(false);
        expect(result.value).toBeUndefined();
        expect(result.unwrapOr(-1)).toBe(-1);
        expect(() => result.unwrap()).toThrow(AuditError);
        expect(action).not.toHaveBeenCalled();
      } else {
        expect(result.ok).toBe(true);
        expect(result.unwrap()).toBe(7);
        expect(action).toHaveBeenCalledOnce();
      }
    });
  });

  it('drops an entry below minSeverity by policy and still runs the action', async () => {
    const store = new FlakyStore();
    const engine = new Engine({ store });
    engine.register(TRAIL, { minSeverity: 'WARN' });
    const action = vi.fn(() => 'ran');

    await expect(engine.guard(TRAIL, { ...GUARD, severity: 'INFO' })(action)).resolves.toBe('ran');
    const decision = await engine.record({ ...allow(TRAIL), severity: 'DEBUG' });
    expect(decision.status).toBe('DROPPED');
    expect(decision.reason).toBe('BELOW_MIN_SEVERITY');
    expect(store.appendCalls).toBe(0);

    const kept = await engine.record({ ...allow(TRAIL), severity: 'CRITICAL' });
    expect(kept.status).toBe('RECORDED');
  });

  it('records write-ahead: the entry exists before the action runs', async () => {
    const engine = new Engine({ store: new FlakyStore() });
    const countInside = await engine.guard(TRAIL, GUARD)(() => engine.count({ trail: TRAIL }));
    expect(countInside).toBe(1);
  });

  it('lets an error thrown by the action itself reach the caller', async () => {
    const engine = new Engine({ store: new FlakyStore() });
    await expect(engine.guard(TRAIL, GUARD)(() => Promise.reject(new Error('refund failed')))).rejects.toThrow('refund failed');
    await expect(engine.guardResult(TRAIL, GUARD)(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});
