import { AuditError } from '@auditgate/core';
import { describe, expect } from 'vitest';
import { findChainBreaks } from '../chain.js';
import type { ConformanceContext } from '../context.js';
import { FaultyStore, InjectedStoreError } from '../faulty-store.js';
import { expectTrailHoldsRecorded, input, newEngine } from './engine-helpers.js';

const TRAIL = 'billing:actiongate@user:42';

/** Store failures seen through the engine: no lost sequence numbers, the right error per mode. */
export function describeFaults(context: ConformanceContext): void {
  const test = context.test.bind(context, 'injected failures');

  describe('injected failures', () => {
    test('failed append consumes no sequence number', async () => {
      const store = new FaultyStore(context.store);
      const engine = newEngine(store, { mode: 'SOFT' });

      const first = await engine.record(input(TRAIL, { n: 0 }));
      store.failNext('append');
      const failed = await engine.record(input(TRAIL, { n: 1 }));
      const next = await engine.record(input(TRAIL, { n: 2 }));

      expect(failed.status).toBe('DROPPED');
      expect(next.entry?.sequence).toBe(1);
      expect(next.entry?.prevHash).toBe(first.entry?.entryHash);
      await expectTrailHoldsRecorded(context.store, TRAIL, [first, failed, next]);
    });

    test('HARD record throws AuditError', async () => {
      const store = new FaultyStore(context.store);
      const engine = newEngine(store, { mode: 'HARD' });
      await engine.record(input(TRAIL, { n: 0 }));

      store.failNext('append');
      const error = await engine.record(input(TRAIL, { n: 1 })).then(
        () => undefined,
        (caught: unknown) => caught,
      );

      expect(error).toBeInstanceOf(AuditError);
      expect((error as AuditError).cause).toBeInstanceOf(InjectedStoreError);
      expect((error as AuditError).decision.reason).toBe('STORE_ERROR');
      expect(await context.store.count({ trail: TRAIL })).toBe(1);
    });

    test('SOFT record returns DROPPED', async () => {
      const store = new FaultyStore(context.store);
      const engine = newEngine(store, { mode: 'SOFT' });

      store.failNext('append');
      const decision = await engine.record(input(TRAIL, { n: 0 }));

      expect(decision.status).toBe('DROPPED');
      expect(decision.reason).toBe('STORE_ERROR');
      expect(decision.entry).toBeNull();
      expect(decision.error).toBeInstanceOf(InjectedStoreError);
      expect(await context.store.tail(TRAIL)).toBeNull();
    });

    test('new engine resumes from the stored tail', async () => {
      const first = newEngine(context.store);
      const earlier = [];
      for (let n = 0; n < 3; n++) earlier.push(await first.record(input(TRAIL, { n })));
      await first.flush();

      const second = newEngine(context.store);
      const later = await second.record(input(TRAIL, { n: 3 }));

      expect(later.entry?.sequence).toBe(3);
      expect(later.entry?.prevHash).toBe(earlier[2]!.entry?.entryHash);
      await expectTrailHoldsRecorded(context.store, TRAIL, [...earlier, later]);
    });

    test('failed tail read consumes no sequence number', async () => {
      const store = new FaultyStore(context.store);
      await newEngine(context.store).record(input(TRAIL, { n: 0 }));

      const engine = newEngine(store, { mode: 'SOFT' });
      store.failNext('tail');
      const failed = await engine.record(input(TRAIL, { n: 1 }));
      const next = await engine.record(input(TRAIL, { n: 2 }));

      expect(failed.status).toBe('DROPPED');
      expect(next.entry?.sequence).toBe(1);
      expect(findChainBreaks(await context.store.query({ trail: TRAIL }), null, { chained: true })).toEqual([]);
    });

    test('lost append reply: stored once, chain continues', async () => {
      const store = new FaultyStore(context.store);
      const engine = newEngine(store, { mode: 'SOFT' });

      store.failNext('append', undefined, 'after');
      const lost = await engine.record(input(TRAIL, { n: 0 }));
      const next = await engine.record(input(TRAIL, { n: 1 }));

      // The writer got an error for the append, though the store kept the entry.
      expect(lost.status).toBe('DROPPED');
      expect(next.entry?.sequence).toBe(1);
      const stored = await context.store.query({ trail: TRAIL });
      expect(stored.map((entry) => entry.detail.n)).toEqual([0, 1]);
      expect(findChainBreaks(stored, null, { chained: true })).toEqual([]);
    });

    test('failing store drops every record until healed', async () => {
      const store = new FaultyStore(context.store);
      const engine = newEngine(store, { mode: 'SOFT' });
      const before = await engine.record(input(TRAIL, { n: 0 }));

      store.failAlways('append');
      const dropped = await Promise.all([1, 2, 3].map((n) => engine.record(input(TRAIL, { n }))));
      store.heal();
      const after = await engine.record(input(TRAIL, { n: 4 }));

      expect(dropped.map((decision) => decision.status)).toEqual(['DROPPED', 'DROPPED', 'DROPPED']);
      expect(after.entry?.sequence).toBe(1);
      await expectTrailHoldsRecorded(context.store, TRAIL, [before, ...dropped, after]);
    });

    test('failed batch among concurrent records leaves no gap', async () => {
      const store = new FaultyStore(context.store);
      const engine = newEngine(store, { mode: 'SOFT' }, 4);

      store.failNext('append');
      const decisions = await Promise.all(Array.from({ length: 30 }, (_, n) => engine.record(input(TRAIL, { n }))));

      const dropped = decisions.filter((decision) => decision.status === 'DROPPED');
      expect(dropped.length).toBeGreaterThan(0);
      expect(dropped.length).toBeLessThan(30);
      await expectTrailHoldsRecorded(context.store, TRAIL, decisions);
    });
  });
}
