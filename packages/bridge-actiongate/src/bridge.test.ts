import { ActionGate, Gate, ManualClock, Policy, type ActionStore } from '@auditgate/actiongate';
import { GateBus, VetoError } from '@auditgate/bus';
import { Engine, hashEntry, type Store } from '@auditgate/core';
import { FaultyStore } from '@auditgate/store-conformance';
import { MemoryStore } from '@auditgate/store-memory';
import { describe, expect, it, vi } from 'vitest';
import { bridgeActionGate } from './index.js';

const GATE = new Gate('billing', 'refund', 'user:42');
const TRAIL = 'billing:actiongate@user:42';

function setup(store: Store = new MemoryStore()) {
  const bus = new GateBus();
  const engine = new Engine({ store });
  const bridge = bridgeActionGate({ engine, bus });
  const clock = new ManualClock(1000);
  const gate = new ActionGate({ bus, clock });
  return { bus, engine, bridge, gate, clock };
}

describe('bridgeActionGate', () => {
  it('records each decision with its wire form as detail', async () => {
    const { engine, bridge, gate } = setup();
    const policy = new Policy({ maxCalls: 1, window: 60 });
    await gate.check(GATE, policy);
    await gate.check(GATE, policy);
    await bridge.flush();

    const entries = await engine.query({ trail: TRAIL });
    expect(entries.map((entry) => [entry.verdict, entry.severity, entry.reason])).toEqual([
      ['ALLOW', 'INFO', null],
      ['BLOCK', 'WARN', 'RATE_LIMIT'],
    ]);
    expect(entries[1]!.gateType).toBe('actiongate');
    expect(entries[1]!.gateIdentity).toBe('billing:refund@user:42');
    expect(entries[1]!.detail).toMatchObject({ schema_version: '0.2.2', status: 'BLOCK', gate: 'billing:refund@user:42', calls_in_window: 1 });
    expect(entries[1]!.entryHash).toBe(hashEntry(entries[1]!));
  });

  it('records a decision the gate made on a store error as ERROR', async () => {
    const failing: ActionStore = {
      checkAndReserve: () => {
        throw new Error('rate store down');
      },
    };
    const bus = new GateBus();
    const engine = new Engine({ store: new MemoryStore() });
    const bridge = bridgeActionGate({ engine, bus });
    await new ActionGate({ bus, store: failing }).check(GATE, new Policy({ maxCalls: 1, window: 60, onStoreError: 'FAIL_OPEN' }));
    await bridge.flush();

    const [entry] = await engine.query({ trail: TRAIL });
    expect(entry!.verdict).toBe('ERROR');
    expect(entry!.severity).toBe('ERROR');
    expect(entry!.reason).toBe('STORE_ERROR');
    expect(entry!.detail).toMatchObject({ status: 'ALLOW' });
  });

  it('follows a custom route and severity', async () => {
    const bus = new GateBus();
    const engine = new Engine({ store: new MemoryStore() });
    const bridge = bridgeActionGate({
      engine,
      bus,
      route: (decision) => `audit:${decision.gate.action}@${decision.gate.principal}`,
      severity: (_decision, verdict) => (verdict === 'ALLOW' ? 'DEBUG' : 'CRITICAL'),
      recordedBy: 'agent-7',
    });
    await new ActionGate({ bus }).check(GATE, new Policy({ maxCalls: 5, window: null }));
    await bridge.flush();

    const [entry] = await engine.query({ trail: 'audit:refund@user:42' });
    expect(entry!.severity).toBe('DEBUG');
    expect(entry!.recordedBy).toBe('agent-7');
  });

  it('keeps a guarded action from running when a FAIL_CLOSED trail cannot record', async () => {
    const store = new FaultyStore(new MemoryStore());
    const { engine, bridge, gate } = setup(store);
    engine.register(TRAIL, { mode: 'HARD', onStoreError: 'FAIL_CLOSED' });
    store.failAlways('append');

    const action = vi.fn(() => 'refunded');
    await expect(gate.guard(GATE, new Policy({ maxCalls: 5, window: 60 }))(action)()).rejects.toBeInstanceOf(VetoError);
    expect(action).not.toHaveBeenCalled();
    expect(bridge.failures).toBe(1);
  });

  it('lets the action run unaudited when the trail is FAIL_OPEN', async () => {
    const store = new FaultyStore(new MemoryStore());
    const { engine, bridge, gate } = setup(store);
    engine.register(TRAIL, { mode: 'HARD', onStoreError: 'FAIL_OPEN' });
    store.failAlways('append');

    const action = vi.fn(() => 'refunded');
    await expect(gate.guard(GATE, new Policy({ maxCalls: 5, window: 60 }))(action)()).resolves.toBe('refunded');
    expect(bridge.failures).toBe(1);
  });

  it('keeps a guarded action from running after the engine closed', async () => {
    const { engine, gate } = setup();
    await engine.close();
    const action = vi.fn(() => 'refunded');
    await expect(gate.guard(GATE, new Policy({ maxCalls: 5, window: 60 }))(action)()).rejects.toBeInstanceOf(VetoError);
    expect(action).not.toHaveBeenCalled();
  });

  it('has the entry on record before a guarded action runs', async () => {
    const { engine, gate } = setup();
    const countInside = await gate.guard(GATE, new Policy({ maxCalls: 5, window: 60 }))(() => engine.count({ trail: TRAIL }))();
    expect(countInside).toBe(1);
  });

  it('stops recording after close', async () => {
    const { engine, bridge, gate } = setup();
    bridge.close();
    await gate.check(GATE, new Policy({ maxCalls: 5, window: 60 }));
    await bridge.flush();
    expect(await engine.count()).toBe(0);
  });
});
