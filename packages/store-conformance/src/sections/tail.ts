import type { TrailTail } from '@auditgate/core';
import { describe, expect } from 'vitest';
import type { ConformanceContext } from '../context.js';
import { buildRecords, tailOf } from '../records.js';

const TRAIL = 'billing:actiongate@user:42';
const OTHER = 'billing:actiongate@user:43';

/** Tails: the position the next entry builds on. */
export function describeTail(context: ConformanceContext): void {
  const test = context.test.bind(context, 'tail');

  describe('tail', () => {
    test('unknown trail has no tail', async () => {
      expect(await context.store.tail(TRAIL)).toBeNull();
    });

    test('tail follows appends', async () => {
      const store = context.store;
      let after: TrailTail | null = null;
      for (const [round, size] of [1, 3, 2].entries()) {
        const records = buildRecords(TRAIL, size, { after, ts: 1000.25 + 10 * round });
        await store.append(TRAIL, records);
        after = tailOf(records);
        expect(await store.tail(TRAIL)).toEqual(after);
      }
      expect(after?.sequence).toBe(5);
    });

    test('tail survives prune of every entry', async () => {
      const store = context.store;
      const records = buildRecords(TRAIL, 3, { ts: 1000 });
      await store.append(TRAIL, records);

      expect(await store.prune(TRAIL, 5000)).toBe(3);

      expect(await store.count({ trail: TRAIL })).toBe(0);
      expect(await store.tail(TRAIL)).toEqual(tailOf(records));
      expect(await store.trails()).toEqual([TRAIL]);

      const next = buildRecords(TRAIL, 1, { after: tailOf(records) });
      await store.append(TRAIL, next);
      expect((await store.query({ trail: TRAIL })).map((entry) => [entry.sequence, entry.prevHash])).toEqual([
        [3, records[2]!.entry.entryHash],
      ]);
    });

    test('tailSync agrees with tail', async (testContext) => {
      const store = context.store;
      if (store.tailSync === undefined) {
        testContext.skip('the store under test has no tailSync()');
        return;
      }
      const agree = async () => expect(store.tailSync!(TRAIL)).toEqual(await store.tail(TRAIL));

      await agree();
      await store.append(TRAIL, buildRecords(TRAIL, 2, { ts: 100 }));
      await agree();
      await store.prune(TRAIL, 1000);
      await agree();
      await store.clear(TRAIL);
      await agree();
      expect(store.tailSync(TRAIL)).toBeNull();
    });

    test('clear resets the tail', async () => {
      const store = context.store;
      await store.append(TRAIL, buildRecords(TRAIL, 2));
      const other = buildRecords(OTHER, 1);
      await store.append(OTHER, other);

      await store.clear(TRAIL);

      expect(await store.tail(TRAIL)).toBeNull();
      expect(await store.tail(OTHER)).toEqual(tailOf(other));
      const restart = buildRecords(TRAIL, 1);
      await store.append(TRAIL, restart);
      expect(await store.tail(TRAIL)).toEqual(tailOf(restart));
    });
  });
}
