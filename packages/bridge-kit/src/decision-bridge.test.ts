import { GateBus, VetoError } from '@auditgate/bus';
import { Engine, type Store } from '@auditgate/core';
import { FaultyStore } from '@auditgate/store-conformance';
import { MemoryStore } from '@auditgate/store-memory';
import { describe, expect, it } from 'vitest';
import { DecisionBridge, gateTrail, verdictOf, type GateDecisionLike } from './decision-bridge.js';

interface TestDecision extends GateDecisionLike {
  readonly principal: string;
}

declare module '@auditgate/bus' {
  interface GateDecisionMap {
    testgate: TestDecision;
  }
}

function emit(bus: GateBus, decision: TestDecision) {
  return bus.emit('decision', {
    gateType: 'testgate',
    identity: `ns:thing@${decision.principal}`,
    decision,
    wire: { status: decision.status, reason: decision.reason },
  });
}

function setup(store: Store = new MemoryStore()) {
  const bus = new GateBus();
  const engine = new Engine({ store });
  const bridge = new DecisionBridge('testgate', (decision: TestDecision) => gateTrail('ns', 'testgate', decision.principal), { engine, bus });
  return { bus, engine, bridge };
}

describe('verdictOf', () => {
  it('maps status, and a store error to ERROR', () => {
    expect(verdictOf({ status: 'ALLOW', reason: null })).toBe('ALLOW');
    expect(verdictOf({ status: 'BLOCK', reason: 'RATE_LIMIT' })).toBe('BLOCK');
    expect(verdictOf({ status: 'ALLOW', reason: 'STORE_ERROR' })).toBe('ERROR');
    expect(verdictOf({ status: 'BLOCK', reason: 'STORE_ERROR' })).toBe('ERROR');
  });
});

describe('DecisionBridge', () => {
  it('records decisions of its gate type with default severities', async () => {
    const { bus, engine, bridge } = setup();
    await emit(bus, { status: 'ALLOW', reason: null, principal: 'p' });
    await emit(bus, { status: 'BLOCK', reason: 'LIMIT', principal: 'p' });
    await emit(bus, { status: 'BLOCK', reason: 'STORE_ERROR', principal: 'p' });
    await bridge.flush();

    const entries = await engine.query({ trail: 'ns:testgate@p' });
    expect(entries.map((entry) => [entry.verdict, entry.severity, entry.reason])).toEqual([
      ['ALLOW', 'INFO', null],
      ['BLOCK', 'WARN', 'LIMIT'],
      ['ERROR', 'ERROR', 'STORE_ERROR'],
    ]);
    expect(entries[0]!.gateType).toBe('testgate');
    expect(entries[0]!.gateIdentity).toBe('ns:thing@p');
    expect(entries[0]!.detail).toEqual({ status: 'ALLOW', reason: null });
  });

  it('vetoes under FAIL_CLOSED and only counts under FAIL_OPEN', async () => {
    const store = new FaultyStore(new MemoryStore());
    const { bus, engine, bridge } = setup(store);
    engine.register('ns:testgate@closed', { onStoreError: 'FAIL_CLOSED', mode: 'SOFT' });
    engine.register('ns:testgate@open', { onStoreError: 'FAIL_OPEN' });
    store.failAlways('append');

    const closed = await emit(bus, { status: 'ALLOW', reason: null, principal: 'closed' });
    const open = await emit(bus, { status: 'ALLOW', reason: null, principal: 'open' });
    expect(closed.vetoes).toHaveLength(1);
    expect(closed.vetoes[0]).toBeInstanceOf(VetoError);
    expect(open.vetoes).toHaveLength(0);
    expect(open.errors).toHaveLength(0);
    expect(bridge.failures).toBe(2);
  });

  it('vetoes a decision whose trail is invalid under a FAIL_CLOSED default', async () => {
    const bus = new GateBus();
    const engine = new Engine({ store: new MemoryStore() });
    new DecisionBridge('testgate', () => 'not a trail', { engine, bus });
    const report = await emit(bus, { status: 'ALLOW', reason: null, principal: 'p' });
    expect(report.vetoes).toHaveLength(1);
    expect(report.errors).toHaveLength(0);
  });
});

describe('DecisionBridge failing closed', () => {
  it('vetoes when the engine is closed', async () => {
    const { bus, engine } = setup();
    await engine.close();
    const report = await emit(bus, { status: 'ALLOW', reason: null, principal: 'p' });
    expect(report.vetoes).toHaveLength(1);
    expect(report.vetoes[0]!.message).toContain('closed');
  });

  it('vetoes when a severity callback returns an invalid severity', async () => {
    const bus = new GateBus();
    const engine = new Engine({ store: new MemoryStore() });
    new DecisionBridge('testgate', (decision: TestDecision) => gateTrail('ns', 'testgate', decision.principal), {
      engine,
      bus,
      severity: () => 'info' as never,
    });
    const report = await emit(bus, { status: 'ALLOW', reason: null, principal: 'p' });
    expect(report.vetoes).toHaveLength(1);
    expect(await engine.count()).toBe(0);
  });

  it('vetoes a route that throws, by the default policy', async () => {
    const bus = new GateBus();
    const engine = new Engine({ store: new MemoryStore() });
    new DecisionBridge(
      'testgate',
      () => {
        throw new Error('no route');
      },
      { engine, bus },
    );
    const report = await emit(bus, { status: 'ALLOW', reason: null, principal: 'p' });
    expect(report.vetoes).toHaveLength(1);
    expect(report.vetoes[0]!.message).toContain('could not be determined');
  });

  it('only counts such failures under a FAIL_OPEN default', async () => {
    const bus = new GateBus();
    const engine = new Engine({ store: new MemoryStore(), defaultPolicy: { onStoreError: 'FAIL_OPEN' } });
    const bridge = new DecisionBridge('testgate', () => 'not a trail', { engine, bus });
    const report = await emit(bus, { status: 'ALLOW', reason: null, principal: 'p' });
    expect(report.vetoes).toHaveLength(0);
    expect(bridge.failures).toBe(1);
  });
});
