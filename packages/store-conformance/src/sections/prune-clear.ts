import { ValidationError, type TrailAnchor } from '@auditgate/core';
import { describe, expect } from 'vitest';
import { findChainBreaks } from '../chain.js';
import type { ConformanceContext } from '../context.js';
import { buildRecords, tailOf } from '../records.js';

const TRAIL = 'billing:actiongate@user:42';
const OTHER = 'billing:actiongate@user:43';

/** Retention pruning, clearing and the list of trails. */
export function describePruneAndClear(context: ConformanceContext): void {
  const test = context.test.bind(context, 'prune');
  const testClear = context.test.bind(context, 'clear');

  describe('prune', () => {
    test('removes entries with ts below before', async () => {
      const store = context.store;
      const records = buildRecords(TRAIL, 5, { ts: 100, tsStep: 10 });
      await store.append(TRAIL, records);

      expect(await store.prune(TRAIL, 120)).toBe(2);

      expect((await store.query({ trail: TRAIL })).map((entry) => entry.sequence)).toEqual([2, 3, 4]);
      expect(await store.count()).toBe(3);
    });

    test('records the last pruned entry as anchor', async () => {
      const store = context.store;
      const records = buildRecords(TRAIL, 5, { ts: 100, tsStep: 10 });
      await store.append(TRAIL, records);
      expect(await store.anchor(TRAIL)).toBeNull();

      await store.prune(TRAIL, 115);
      const expected: TrailAnchor = tailOf(records.slice(0, 2));
      expect(await store.anchor(TRAIL)).toEqual(expected);

      // The remaining entries verify from the anchor.
      expect(findChainBreaks(await store.query({ trail: TRAIL }), expected, { chained: true })).toEqual([]);
    });

    test('prune that removes nothing keeps the anchor', async () => {
      const store = context.store;
      const records = buildRecords(TRAIL, 3, { ts: 100, tsStep: 10 });
      await store.append(TRAIL, records);

      expect(await store.prune(TRAIL, 100)).toBe(0);
      expect(await store.anchor(TRAIL)).toBeNull();

      await store.prune(TRAIL, 105);
      expect(await store.prune(TRAIL, 105)).toBe(0);
      expect(await store.anchor(TRAIL)).toEqual(tailOf(records.slice(0, 1)));
    });

    test('later prunes move the anchor forward', async () => {
      const store = context.store;
      const records = buildRecords(TRAIL, 5, { ts: 100, tsStep: 10 });
      await store.append(TRAIL, records);

      expect(await store.prune(TRAIL, 110)).toBe(1);
      expect(await store.prune(TRAIL, 135)).toBe(3);

      expect(await store.anchor(TRAIL)).toEqual(tailOf(records.slice(0, 4)));
      expect((await store.query({ trail: TRAIL })).map((entry) => entry.sequence)).toEqual([4]);
    });

    test('keeps the tail; appends continue the chain', async () => {
      const store = context.store;
      const records = buildRecords(TRAIL, 4, { ts: 100, tsStep: 10 });
      await store.append(TRAIL, records);

      await store.prune(TRAIL, 125);
      expect(await store.tail(TRAIL)).toEqual(tailOf(records));

      const next = buildRecords(TRAIL, 2, { after: tailOf(records) });
      await store.append(TRAIL, next);
      const stored = await store.query({ trail: TRAIL });
      expect(stored.map((entry) => entry.sequence)).toEqual([3, 4, 5]);
      expect(findChainBreaks(stored, await store.anchor(TRAIL), { chained: true })).toEqual([]);
    });

    test('prune touches only its trail', async () => {
      const store = context.store;
      await store.append(TRAIL, buildRecords(TRAIL, 3, { ts: 100 }));
      await store.append(OTHER, buildRecords(OTHER, 3, { ts: 100 }));

      await store.prune(TRAIL, 1000);

      expect(await store.count({ trail: OTHER })).toBe(3);
      expect(await store.anchor(OTHER)).toBeNull();
    });

    test('unknown trail prunes nothing', async () => {
      const store = context.store;

      expect(await store.prune(TRAIL, 1000)).toBe(0);

      expect(await store.anchor(TRAIL)).toBeNull();
      expect(await store.tail(TRAIL)).toBeNull();
      expect(await store.trails()).toEqual([]);
    });

    test('non-finite before throws ValidationError', async () => {
      const store = context.store;
      await store.append(TRAIL, buildRecords(TRAIL, 2));

      await expect(store.prune(TRAIL, Number.NaN)).rejects.toBeInstanceOf(ValidationError);
      await expect(store.prune(TRAIL, Infinity)).rejects.toBeInstanceOf(ValidationError);
      expect(await store.count({ trail: TRAIL })).toBe(2);
    });
  });

  describe('clear', () => {
    testClear('clear(trail) forgets one trail', async () => {
      const store = context.store;
      await store.append(TRAIL, buildRecords(TRAIL, 3, { ts: 100 }));
      const other = buildRecords(OTHER, 2, { ts: 100 });
      await store.append(OTHER, other);
      await store.prune(TRAIL, 101);

      await store.clear(TRAIL);

      expect(await store.tail(TRAIL)).toBeNull();
      expect(await store.anchor(TRAIL)).toBeNull();
      expect(await store.count({ trail: TRAIL })).toBe(0);
      expect(await store.trails()).toEqual([OTHER]);
      expect(await store.tail(OTHER)).toEqual(tailOf(other));
    });

    testClear('clear() forgets every trail', async () => {
      const store = context.store;
      await store.append(TRAIL, buildRecords(TRAIL, 3, { ts: 100 }));
      await store.append(OTHER, buildRecords(OTHER, 2, { ts: 100 }));
      await store.prune(OTHER, 101);

      await store.clear();

      expect(await store.trails()).toEqual([]);
      expect(await store.count()).toBe(0);
      expect(await store.tail(TRAIL)).toBeNull();
      expect(await store.anchor(OTHER)).toBeNull();
    });

    testClear('cleared trail starts again at 0', async () => {
      const store = context.store;
      await store.append(TRAIL, buildRecords(TRAIL, 3, { ts: 100 }));
      await store.clear(TRAIL);

      // A new trail may start earlier in time than the cleared one ended.
      const fresh = buildRecords(TRAIL, 2, { ts: 50 });
      await store.append(TRAIL, fresh);

      const stored = await store.query({ trail: TRAIL });
      expect(stored.map((entry) => entry.sequence)).toEqual([0, 1]);
      expect(findChainBreaks(stored, null, { chained: true })).toEqual([]);
    });

    testClear('clear of an unknown trail is a no-op', async () => {
      const store = context.store;
      await store.append(OTHER, buildRecords(OTHER, 1));

      await store.clear(TRAIL);

      expect(await store.trails()).toEqual([OTHER]);
    });

    testClear('trails() lists every trail once', async () => {
      const store = context.store;
      expect(await store.trails()).toEqual([]);

      const names = ['a:b@c', 'a:b@d', 'Z:b@c', 'ns:src@user:1@host'];
      for (const name of names) {
        const first = buildRecords(name, 1);
        await store.append(name, first);
        await store.append(name, buildRecords(name, 1, { after: tailOf(first) }));
      }

      expect((await store.trails()).sort()).toEqual([...names].sort());
    });
  });
}
