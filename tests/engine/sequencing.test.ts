import { Engine, hashEntry, Trail } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import { describe, expect, it } from 'vitest';
import { asyncOnly, FlakyStore } from './flaky-store.js';
import { allow, expectValidChain } from './helpers.js';

const TRAIL = 'billing:actiongate@user:42';

describe('engine sequencing', () => {
  it('chains entries under CHAIN integrity', async () => {
    const engine = new Engine({ store: new MemoryStore() });
    engine.register(TRAIL, { integrity: 'CHAIN' });
    for (let i = 0; i < 5; i++) await engine.record(allow(TRAIL, { i }));
    const entries = await engine.query({ trail: TRAIL });
    expect(entries).toHaveLength(5);
    expect(entries[0]!.prevHash).toBeNull();
    expectValidChain(entries);
  });

  it('writes an entry_hash without prev_hash under HASH, and neither under NONE', async () => {
    const engine = new Engine({ store: new MemoryStore() });
    engine.register('a:b@hash', { integrity: 'HASH' });
    engine.register('a:b@none', { integrity: 'NONE' });
    await engine.record(allow('a:b@hash'));
    const hashed = (await engine.record(allow('a:b@hash'))).entry!;
    const bare = (await engine.record(allow('a:b@none'))).entry!;
    expect(hashed.prevHash).toBeNull();
    expect(hashed.entryHash).toBe(hashEntry(hashed));
    expect(bare.entryHash).toBeNull();
    expect(bare.prevHash).toBeNull();
  });

  it('consumes no sequence number when an append fails', async () => {
    const store = new FlakyStore();
    const engine = new Engine({ store });
    engine.register(TRAIL, { integrity: 'CHAIN', mode: 'SOFT' });
    await engine.record(allow(TRAIL));
    store.failures = 1;
    expect((await engine.record(allow(TRAIL))).status).toBe('DROPPED');
    await engine.record(allow(TRAIL));
    const entries = await engine.query({ trail: TRAIL });
    expect(entries.map((entry) => entry.sequence)).toEqual([0, 1]);
    expectValidChain(entries);
  });

  it('resumes sequence and chain from the stored tail in a new engine', async () => {
    const store = new MemoryStore();
    const first = new Engine({ store });
    first.register(TRAIL, { integrity: 'CHAIN' });
    await first.record(allow(TRAIL));
    await first.record(allow(TRAIL));

    const second = new Engine({ store });
    second.register(TRAIL, { integrity: 'CHAIN' });
    const decision = await second.record(allow(TRAIL));
    expect(decision.entry!.sequence).toBe(2);
    expectValidChain(await second.query({ trail: TRAIL }));
  });

  it('keeps one contiguous chain under 1,000 concurrent records', async () => {
    const store = asyncOnly();
    const engine = new Engine({ store, maxBatch: 64 });
    engine.register(TRAIL, { integrity: 'CHAIN' });
    const decisions = await Promise.all(Array.from({ length: 1000 }, (_, i) => engine.record(allow(TRAIL, { i }))));

    // Each caller gets its own entry, in call order.
    decisions.forEach((decision, i) => expect(decision.entry!.detail).toEqual({ i }));
    expectValidChain(await engine.query({ trail: TRAIL }));
    // Group commit: far fewer appends than records.
    expect(store.appendCalls).toBeLessThan(100);
  });

  it('keeps two engines on one store from forking the trail', async () => {
    const store = asyncOnly();
    const engines = [new Engine({ store }), new Engine({ store })];
    for (const engine of engines) engine.register(TRAIL, { integrity: 'CHAIN' });
    await Promise.all(
      Array.from({ length: 400 }, (_, i) => engines[i % 2]!.record(allow(TRAIL, { i }))),
    );
    const entries = await store.query({ trail: TRAIL });
    expect(entries).toHaveLength(400);
    expectValidChain(entries);
  });

  it('keeps two engines on one synchronous store from forking the trail', async () => {
    const store = new MemoryStore();
    const engines = [new Engine({ store }), new Engine({ store })];
    for (const engine of engines) engine.register(TRAIL, { integrity: 'CHAIN' });
    for (let i = 0; i < 100; i++) await engines[i % 2]!.record(allow(TRAIL, { i }));
    const entries = await store.query({ trail: TRAIL });
    expect(entries).toHaveLength(100);
    expectValidChain(entries);
  });

  it('never lets ts go backwards, even when the clock does', async () => {
    let now = 2000;
    const engine = new Engine({ store: new MemoryStore(), clock: () => now });
    await engine.record(allow(TRAIL));
    now = 1000;
    const later = await engine.record(allow(TRAIL));
    expect(later.entry!.ts).toBe(2000);
  });

  it.each([Number.NaN, Infinity, -1, 1e13])('rejects a clock reading of %d without recording', async (reading) => {
    const store = new MemoryStore();
    const engine = new Engine({ store, clock: () => reading });
    await expect(engine.record(allow(TRAIL))).rejects.toThrow(/clock: returned/);
    expect(await store.count()).toBe(0);
  });

  it('takes a clock object with now()', async () => {
    const engine = new Engine({ store: new MemoryStore(), clock: { now: () => 1234.5 } });
    expect((await engine.record(allow(TRAIL))).entry!.ts).toBe(1234.5);
    expect(() => new Engine({ store: new MemoryStore(), clock: 5 as never })).toThrow(/clock/);
  });

  it('writes wall_ts as ISO 8601 UTC of ts, and recordedBy', async () => {
    const engine = new Engine({ store: new MemoryStore(), clock: () => 1700000000.25, recordedBy: 'agent-7' });
    const entry = (await engine.record(allow(TRAIL))).entry!;
    expect(entry.wallTs).toBe('2023-11-14T22:13:20.250Z');
    expect(entry.recordedBy).toBe('agent-7');
    const override = (await engine.record({ ...allow(TRAIL), recordedBy: 'other' })).entry!;
    expect(override.recordedBy).toBe('other');
  });

  it('applies a registered policy to the Trail and its string form alike', async () => {
    const engine = new Engine({ store: new MemoryStore() });
    engine.register(new Trail('billing', 'actiongate', 'user:42'), { integrity: 'NONE' });
    expect(engine.policyOf(TRAIL).integrity).toBe('NONE');
    expect(engine.policyOf('other:x@y').integrity).toBe('HASH');
  });
});

describe('engines contending for one trail', () => {
  it('records everything when 4 engines with 4 loops each share a store', async () => {
    const store = new MemoryStore();
    const engines = Array.from({ length: 4 }, () => new Engine({ store, defaultPolicy: { integrity: 'CHAIN' } }));
    const outcomes = await Promise.allSettled(
      engines.flatMap((engine) =>
        Array.from({ length: 4 }, async () => {
          for (let i = 0; i < 100; i++) await engine.record(allow(TRAIL));
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const entries = await store.query({ trail: TRAIL });
    expect(entries).toHaveLength(1600);
    expectValidChain(entries);
  });
});
