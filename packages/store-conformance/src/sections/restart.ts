import type { Store } from '@auditgate/core';
import { describe, expect } from 'vitest';
import { findChainBreaks } from '../chain.js';
import { comparable } from '../comparable.js';
import type { ConformanceContext, TestBody } from '../context.js';
import { buildRecords, tailOf } from '../records.js';
import { input, newEngine } from './engine-helpers.js';
import { AWKWARD_TRAIL, awkwardDetail } from './round-trip.js';

const TRAIL = 'billing:actiongate@user:42';
const EMPTIED = 'billing:actiongate@user:43';

/** Everything a store reports, trail by trail, for comparing before and after a restart. */
async function describeContents(store: Store): Promise<unknown> {
  const trails = (await store.trails()).sort();
  const contents: Record<string, unknown> = {};
  for (const trail of trails) {
    contents[trail] = {
      tail: await store.tail(trail),
      anchor: await store.anchor(trail),
      entries: comparable(await store.query({ trail })),
    };
  }
  return { trails, contents, everything: comparable(await store.query()) };
}

/** Restart behaviour, for stores that can be reopened over the same data. */
export function describeRestart(context: ConformanceContext): void {
  const test = (name: string, body: TestBody) =>
    context.test('restart', name, async (testContext) => {
      if (!context.canReopen) {
        testContext.skip('the store under test has no reopen()');
        return;
      }
      await body(testContext);
    });

  describe('restart', () => {
    test('entries, tails and anchors survive reopen', async () => {
      const store = context.store;
      const kept = buildRecords(TRAIL, 5, { ts: 100, tsStep: 10 });
      const emptied = buildRecords(EMPTIED, 3, { ts: 100 });
      const awkward = buildRecords(AWKWARD_TRAIL, 2, { fields: () => ({ detail: awkwardDetail() }) });
      await store.append(TRAIL, kept);
      await store.append(EMPTIED, emptied);
      await store.append(AWKWARD_TRAIL, awkward);
      await store.prune(TRAIL, 125);
      await store.prune(EMPTIED, 1000);
      const before = await describeContents(store);

      const reopened = await context.reopen();

      expect(await describeContents(reopened)).toStrictEqual(before);
      expect(await reopened.tail(EMPTIED)).toEqual(tailOf(emptied));
      expect(await reopened.anchor(TRAIL)).toEqual(tailOf(kept.slice(0, 3)));
    });

    test('engine continues the chain after reopen', async () => {
      const first = newEngine(context.store);
      const earlier = [];
      for (let n = 0; n < 4; n++) earlier.push(await first.record(input(TRAIL, { n })));
      await first.flush();

      const reopened = await context.reopen();
      const later = await newEngine(reopened).record(input(TRAIL, { n: 4 }));

      expect(later.entry?.sequence).toBe(4);
      expect(later.entry?.prevHash).toBe(earlier[3]!.entry?.entryHash);
      expect(findChainBreaks(await reopened.query({ trail: TRAIL }), null, { chained: true })).toEqual([]);
    });

    test('stored record ids survive reopen', async () => {
      const records = buildRecords(TRAIL, 3);
      await context.store.append(TRAIL, records);

      const reopened = await context.reopen();
      await reopened.append(TRAIL, records);

      expect(await reopened.count({ trail: TRAIL })).toBe(3);
    });

    test('appends after reopen survive the next reopen', async () => {
      const first = buildRecords(TRAIL, 2);
      await context.store.append(TRAIL, first);

      const second = buildRecords(TRAIL, 2, { after: tailOf(first) });
      await (await context.reopen()).append(TRAIL, second);
      const reopened = await context.reopen();

      expect((await reopened.query({ trail: TRAIL })).map((entry) => entry.entryHash)).toEqual(
        [...first, ...second].map((record) => record.entry.entryHash),
      );
      expect(await reopened.tail(TRAIL)).toEqual(tailOf(second));
    });

    test('clear survives reopen', async () => {
      await context.store.append(TRAIL, buildRecords(TRAIL, 2, { ts: 100 }));
      await context.store.append(EMPTIED, buildRecords(EMPTIED, 2, { ts: 100 }));
      await context.store.prune(TRAIL, 101);
      await context.store.clear(TRAIL);

      const reopened = await context.reopen();

      expect(await reopened.trails()).toEqual([EMPTIED]);
      expect(await reopened.tail(TRAIL)).toBeNull();
      expect(await reopened.anchor(TRAIL)).toBeNull();
    });
  });
}
