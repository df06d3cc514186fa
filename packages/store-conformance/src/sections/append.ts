import { StoreConflictError, type AppendRecord, type Store } from '@auditgate/core';
import { describe, expect } from 'vitest';
import type { ConformanceContext, TestBody } from '../context.js';
import { buildRecords, entriesOf, tailOf } from '../records.js';

const TRAIL = 'billing:actiongate@user:42';
const OTHER = 'billing:actiongate@user:43';

/** Returns what a test compares before and after a rejected append. */
async function snapshot(store: Store, trail: string) {
  return {
    tail: await store.tail(trail),
    entries: await store.query({ trail }),
    trails: (await store.trails()).sort(),
  };
}

async function expectConflict(append: Promise<void>): Promise<void> {
  const error = await append.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StoreConflictError);
  expect((error as StoreConflictError).code).toBe('STORE_CONFLICT');
}

/** The append method a section tests: the required `append`, or the optional `appendSync`. */
export type AppendMethod = 'append' | 'appendSync';

/** Returns a view of `store` whose append goes through `method`, so every test runs against either one. */
function through(store: Store, method: AppendMethod): Store {
  if (method === 'append') return store;
  return {
    append: async (trail, records) => store.appendSync!(trail, records),
    tail: (trail) => store.tail(trail),
    query: (filter) => store.query(filter),
    count: (filter) => store.count(filter),
    prune: (trail, before) => store.prune(trail, before),
    anchor: (trail) => store.anchor(trail),
    clear: (trail) => store.clear(trail),
    trails: () => store.trails(),
    close: () => store.close(),
  };
}

/**
 * Appends: sequence rules, conflicts, all-or-nothing batches and idempotent record ids. With
 * `appendSync`, the same tests run through the synchronous append, and are skipped for a store
 * without one.
 */
export function describeAppend(context: ConformanceContext, method: AppendMethod = 'append'): void {
  const test = (name: string, body: TestBody) =>
    context.test(method, name, async (testContext) => {
      if (method === 'appendSync' && context.store.appendSync === undefined) {
        testContext.skip('the store under test has no appendSync()');
        return;
      }
      await body(testContext);
    });
  const appendingStore = () => through(context.store, method);

  describe(method, () => {
    test('first entry has sequence 0', async () => {
      const store = appendingStore();
      const records = buildRecords(TRAIL, 1);

      await store.append(TRAIL, records);

      expect(await store.tail(TRAIL)).toEqual(tailOf(records));
      expect((await store.query({ trail: TRAIL })).map((entry) => entry.sequence)).toEqual([0]);
    });

    test('new trail rejects a first sequence above 0', async () => {
      const store = appendingStore();
      const records = buildRecords(TRAIL, 1, { after: { sequence: 0, entryHash: null, ts: 1000 } });

      await expectConflict(store.append(TRAIL, records));
      expect(await store.tail(TRAIL)).toBeNull();
    });

    test('contiguous batches extend the trail', async () => {
      const store = appendingStore();
      const first = buildRecords(TRAIL, 3);
      const second = buildRecords(TRAIL, 2, { after: tailOf(first) });

      await store.append(TRAIL, first);
      await store.append(TRAIL, second);

      const stored = await store.query({ trail: TRAIL });
      expect(stored.map((entry) => entry.sequence)).toEqual([0, 1, 2, 3, 4]);
      expect(stored.map((entry) => entry.entryHash)).toEqual(entriesOf([...first, ...second]).map((entry) => entry.entryHash));
      expect(await store.tail(TRAIL)).toEqual(tailOf(second));
    });

    test('wrong sequence conflicts', async () => {
      const store = appendingStore();
      const first = buildRecords(TRAIL, 2);
      await store.append(TRAIL, first);
      const before = await snapshot(store, TRAIL);

      const gap = buildRecords(TRAIL, 1, { after: { ...tailOf(first), sequence: 2 } });
      const repeat = buildRecords(TRAIL, 1, { after: { ...tailOf(first), sequence: 0 } });
      await expectConflict(store.append(TRAIL, gap));
      await expectConflict(store.append(TRAIL, repeat));

      expect(await snapshot(store, TRAIL)).toEqual(before);
    });

    test('wrong prev_hash conflicts', async () => {
      const store = appendingStore();
      const first = buildRecords(TRAIL, 2);
      await store.append(TRAIL, first);
      const before = await snapshot(store, TRAIL);

      const forked = buildRecords(TRAIL, 1, { after: { ...tailOf(first), entryHash: 'f'.repeat(64) } });
      await expectConflict(store.append(TRAIL, forked));

      expect(await snapshot(store, TRAIL)).toEqual(before);
    });

    test('entry of another trail conflicts', async () => {
      const store = appendingStore();
      const first = buildRecords(TRAIL, 1);
      await store.append(TRAIL, first);
      const before = await snapshot(store, TRAIL);

      const foreign = buildRecords(OTHER, 1, { after: tailOf(first) });
      await expectConflict(store.append(TRAIL, foreign));

      expect(await snapshot(store, TRAIL)).toEqual(before);
      expect(await store.tail(OTHER)).toBeNull();
    });

    test('ts regression conflicts', async () => {
      const store = appendingStore();
      const first = buildRecords(TRAIL, 1, { ts: 2000 });
      await store.append(TRAIL, first);
      const before = await snapshot(store, TRAIL);

      const earlier = buildRecords(TRAIL, 1, { after: tailOf(first), ts: 1999.5 });
      await expectConflict(store.append(TRAIL, earlier));
      expect(await snapshot(store, TRAIL)).toEqual(before);

      const same = buildRecords(TRAIL, 1, { after: tailOf(first), ts: 2000 });
      await store.append(TRAIL, same);
      expect(await store.tail(TRAIL)).toEqual(tailOf(same));
    });

    test('ts regression inside a batch conflicts', async () => {
      const store = appendingStore();
      const batch = buildRecords(TRAIL, 3, { ts: 2000, tsStep: -1 });

      await expectConflict(store.append(TRAIL, batch));
      expect(await store.tail(TRAIL)).toBeNull();
    });

    test('rejected batch changes nothing', async () => {
      const store = appendingStore();
      const first = buildRecords(TRAIL, 2);
      await store.append(TRAIL, first);
      const before = await snapshot(store, TRAIL);

      // Two good records, then one that skips a sequence number.
      const good = buildRecords(TRAIL, 2, { after: tailOf(first) });
      const bad = buildRecords(TRAIL, 1, { after: { ...tailOf(good), sequence: 4 } });
      await expectConflict(store.append(TRAIL, [...good, ...bad]));
      expect(await snapshot(store, TRAIL)).toEqual(before);

      // The rejected batch left no record ids behind: the good records still go in.
      await store.append(TRAIL, good);
      expect(await store.tail(TRAIL)).toEqual(tailOf(good));
      expect(await store.count({ trail: TRAIL })).toBe(4);
    });

    test('rejected first batch leaves no trail', async () => {
      const store = appendingStore();
      const bad = buildRecords(TRAIL, 1, { after: { sequence: 6, entryHash: null, ts: 1000 } });

      await expectConflict(store.append(TRAIL, bad));

      expect(await store.tail(TRAIL)).toBeNull();
      expect(await store.trails()).toEqual([]);
      expect(await store.count()).toBe(0);
    });

    test('empty batch changes nothing', async () => {
      const store = appendingStore();

      await store.append(TRAIL, []);
      expect(await store.tail(TRAIL)).toBeNull();
      expect(await store.trails()).toEqual([]);

      const first = buildRecords(TRAIL, 1);
      await store.append(TRAIL, first);
      await store.append(TRAIL, []);
      expect(await store.tail(TRAIL)).toEqual(tailOf(first));
      expect(await store.count()).toBe(1);
    });

    test('re-append of stored ids writes nothing', async () => {
      const store = appendingStore();
      const records = buildRecords(TRAIL, 3);
      await store.append(TRAIL, records);

      // A writer whose reply was lost retries the same records, even after the tail moved on.
      await store.append(TRAIL, records);
      await store.append(TRAIL, records.slice(0, 1));

      expect(await store.count({ trail: TRAIL })).toBe(3);
      expect(await store.tail(TRAIL)).toEqual(tailOf(records));
    });

    test('partly stored batch appends only new records', async () => {
      const store = appendingStore();
      const [zero, one, two] = buildRecords(TRAIL, 3) as [AppendRecord, AppendRecord, AppendRecord];
      await store.append(TRAIL, [zero, one]);

      await store.append(TRAIL, [one, two]);

      const stored = await store.query({ trail: TRAIL });
      expect(stored.map((entry) => entry.entryHash)).toEqual([zero, one, two].map((record) => record.entry.entryHash));
    });

    test('entries without hashes append', async () => {
      const store = appendingStore();
      const plain = buildRecords(TRAIL, 2, { integrity: 'NONE' });
      const hashed = buildRecords(TRAIL, 2, { integrity: 'HASH', after: tailOf(plain) });

      await store.append(TRAIL, plain);
      await store.append(TRAIL, hashed);

      const stored = await store.query({ trail: TRAIL });
      expect(stored.map((entry) => [entry.sequence, entry.entryHash === null, entry.prevHash])).toEqual([
        [0, true, null],
        [1, true, null],
        [2, false, null],
        [3, false, null],
      ]);
    });

    test('racing appends on one tail: one wins', async () => {
      const store = appendingStore();
      const first = buildRecords(TRAIL, 1);
      await store.append(TRAIL, first);

      const left = buildRecords(TRAIL, 2, { after: tailOf(first), fields: () => ({ reason: 'left' }) });
      const right = buildRecords(TRAIL, 2, { after: tailOf(first), fields: () => ({ reason: 'right' }) });
      const outcomes = await Promise.allSettled([store.append(TRAIL, left), store.append(TRAIL, right)]);

      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(StoreConflictError);

      const stored = await store.query({ trail: TRAIL });
      expect(stored.map((entry) => entry.sequence)).toEqual([0, 1, 2]);
      expect(new Set(stored.slice(1).map((entry) => entry.reason)).size).toBe(1);
    });

    test('trails append independently', async () => {
      const store = appendingStore();
      const mine = buildRecords(TRAIL, 2);
      const theirs = buildRecords(OTHER, 3);

      await Promise.all([store.append(TRAIL, mine), store.append(OTHER, theirs)]);

      expect(await store.tail(TRAIL)).toEqual(tailOf(mine));
      expect(await store.tail(OTHER)).toEqual(tailOf(theirs));
    });
  });
}
