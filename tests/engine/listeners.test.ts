import { Engine } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import { describe, expect, it } from 'vitest';
import { allow } from './helpers.js';

const TRAIL = 'billing:actiongate@user:42';

describe('decision listeners', () => {
  it('see every decision, and a throwing listener neither breaks recording nor the others', async () => {
    const engine = new Engine({ store: new MemoryStore() });
    const seen: number[] = [];
    engine.onDecision(() => {
      throw new Error('listener bug');
    });
    engine.onDecision((decision) => seen.push(decision.entry!.sequence));

    const decisions = [await engine.record(allow(TRAIL)), await engine.record(allow(TRAIL))];
    expect(decisions.map((decision) => decision.status)).toEqual(['RECORDED', 'RECORDED']);
    expect(seen).toEqual([0, 1]);
    expect(engine.listenerErrors).toBe(2);
  });

  it('stop after unsubscribe', async () => {
    const engine = new Engine({ store: new MemoryStore() });
    let calls = 0;
    const unsubscribe = engine.onDecision(() => calls++);
    await engine.record(allow(TRAIL));
    unsubscribe();
    await engine.record(allow(TRAIL));
    expect(calls).toBe(1);
  });
});

describe('retention', () => {
  it('prunes old entries in the background, keeping the tail', async () => {
    let now = 1000;
    const store = new MemoryStore();
    const engine = new Engine({ store, clock: () => now });
    engine.register(TRAIL, { integrity: 'CHAIN', retentionSeconds: 60 });
    await engine.record(allow(TRAIL));
    now = 1010;
    await engine.record(allow(TRAIL));
    now = 1200;
    await engine.record(allow(TRAIL));
    await engine.flush();

    const left = await store.query({ trail: TRAIL });
    expect(left.map((entry) => entry.sequence)).toEqual([2]);
    expect(await store.anchor(TRAIL)).toMatchObject({ sequence: 1 });
    expect(left[0]!.prevHash).toBe((await store.anchor(TRAIL))!.entryHash);
  });

  it('never fails a record when pruning fails', async () => {
    const store = new MemoryStore();
    store.prune = () => Promise.reject(new Error('prune failed'));
    const engine = new Engine({ store });
    engine.register(TRAIL, { retentionSeconds: 1 });
    expect((await engine.record(allow(TRAIL))).status).toBe('RECORDED');
    await engine.flush();
    expect(engine.pruneErrors).toBe(1);
  });
});
