import { canonicalJson, Engine, hashEntry, pyFloat } from '@auditgate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainRecords } from '../test/records.js';
import { testRedis, type TestRedis } from '../test/redis-server.js';
import { RedisStore } from './redis-store.js';

const A = 'billing:actiongate@user:1';
const B = 'billing:actiongate@user:2';

// More than one page (500 members) for the filters that are checked in this process.
const A_COUNT = 1200;

let redis: TestRedis;
let store: RedisStore;

beforeAll(async () => {
  redis = await testRedis();
  store = new RedisStore({ url: redis.url, keyPrefix: redis.keyPrefix });
  // Trail A: ts 1000.0, 1000.5, ... with every third entry BLOCK. Trail B: ts 1000.25, 1001.25, ...
  await store.append(A, chainRecords(A, A_COUNT, { ts: (i) => 1000 + i / 2, verdict: (i) => (i % 3 === 0 ? 'BLOCK' : 'ALLOW') }));
  await store.append(B, chainRecords(B, 10, { ts: (i) => 1000.25 + i }));
});

afterAll(async () => {
  await store.close();
  await redis.close();
});

describe('TrailReader by time', () => {
  it('returns a time range with offset and limit', async () => {
    const entries = await store.query({ trail: A, after: 1010, before: 1020, offset: 3, limit: 4 });
    expect(entries.map((entry) => entry.sequence)).toEqual([23, 24, 25, 26]);
  });

  it('excludes before and includes after', async () => {
    const entries = await store.query({ trail: A, after: 1001, before: 1002 });
    expect(entries.map((entry) => entry.ts)).toEqual([1001, 1001.5]);
  });

  it('counts a time range', async () => {
    expect(await store.count({ trail: A, after: 1100 })).toBe(A_COUNT - 200);
    expect(await store.count({ trail: A, before: 1000.5, limit: 0 })).toBe(1);
  });

  it('returns nothing for limit 0', async () => {
    expect(await store.query({ trail: A, limit: 0 })).toEqual([]);
  });

  it('returns nothing for an unknown trail', async () => {
    expect(await store.query({ trail: 'no:such@trail' })).toEqual([]);
    expect(await store.count({ trail: 'no:such@trail' })).toBe(0);
  });
});

describe('TrailReader by sequence', () => {
  it('starts at fromSequence', async () => {
    const entries = await store.query({ trail: A, fromSequence: 1195 });
    expect(entries.map((entry) => entry.sequence)).toEqual([1195, 1196, 1197, 1198, 1199]);
  });

  it('takes the later of fromSequence and after', async () => {
    const byTime = await store.query({ trail: A, fromSequence: 10, after: 1100, limit: 1 });
    expect(byTime.map((entry) => entry.sequence)).toEqual([200]);
    const bySequence = await store.query({ trail: A, fromSequence: 300, after: 1100, limit: 1 });
    expect(bySequence.map((entry) => entry.sequence)).toEqual([300]);
  });

  it('counts from a sequence', async () => {
    expect(await store.count({ trail: A, fromSequence: 1000 })).toBe(200);
    expect(await store.count({ trail: A, fromSequence: 1000, before: 1510 })).toBe(20);
    expect(await store.count({ trail: A, fromSequence: 5000 })).toBe(0);
  });

  it('combines fromSequence with a verdict', async () => {
    const entries = await store.query({ trail: A, fromSequence: 1190, verdict: 'BLOCK' });
    expect(entries.map((entry) => entry.sequence)).toEqual([1191, 1194, 1197]);
  });

  it('counts sequences after a prune', async () => {
    const trail = 'pruned:gate@user:1';
    await store.append(trail, chainRecords(trail, 20));
    await store.prune(trail, 1005);

    expect((await store.query({ trail, fromSequence: 2, limit: 2 })).map((entry) => entry.sequence)).toEqual([5, 6]);
    expect((await store.query({ trail, fromSequence: 17 })).map((entry) => entry.sequence)).toEqual([17, 18, 19]);
    expect(await store.count({ trail, fromSequence: 10 })).toBe(10);
    await store.clear(trail);
  });
});

describe('TrailReader filtered scans', () => {
  it('filters by verdict across pages', async () => {
    const blocked = await store.query({ trail: A, verdict: 'BLOCK' });
    expect(blocked).toHaveLength(A_COUNT / 3);
    expect(blocked.every((entry) => entry.sequence % 3 === 0)).toBe(true);
    expect(blocked.at(-1)?.sequence).toBe(A_COUNT - 3);
  });

  it('applies offset and limit after the filter', async () => {
    const page = await store.query({ trail: A, verdict: 'BLOCK', offset: 200, limit: 3 });
    expect(page.map((entry) => entry.sequence)).toEqual([600, 603, 606]);
  });

  it('stops a filtered scan at before', async () => {
    const entries = await store.query({ trail: A, verdict: ['ALLOW', 'BLOCK'], after: 1000, before: 1400 });
    expect(entries).toHaveLength(800);
    expect(entries.at(-1)?.ts).toBe(1399.5);
  });

  it('counts a filtered range', async () => {
    expect(await store.count({ trail: A, verdict: 'ALLOW', before: 1300 })).toBe(400);
    expect(await store.count({ trail: A, gateType: 'other' })).toBe(0);
    expect(await store.count({ trail: A, minSeverity: 'INFO' })).toBe(A_COUNT);
  });
});

describe('TrailReader across trails', () => {
  it('orders by ts, then trail', async () => {
    const entries = await store.query({ before: 1002 });
    expect(entries.map((entry) => [entry.trail, entry.ts])).toEqual([
      [A, 1000],
      [B, 1000.25],
      [A, 1000.5],
      [A, 1001],
      [B, 1001.25],
      [A, 1001.5],
    ]);
  });

  it('pages through the merge', async () => {
    const entries = await store.query({ after: 1003, offset: 2, limit: 3 });
    expect(entries.map((entry) => [entry.trail, entry.ts])).toEqual([
      [A, 1003.5],
      [A, 1004],
      [B, 1004.25],
    ]);
  });

  it('counts every trail', async () => {
    expect(await store.count()).toBe(A_COUNT + 10);
    expect(await store.count({ verdict: 'BLOCK' })).toBe(A_COUNT / 3);
  });
});

describe('TrailReader stored form', () => {
  it('keeps integral floats in detail', async () => {
    const engine = new Engine({ store: new RedisStore({ url: redis.url, keyPrefix: redis.keyPrefix }) });
    const trail = 'lossless:gate@user:1';
    const decision = await engine.record({ trail, verdict: 'ALLOW', gateType: 'g', gateIdentity: 'x', detail: { price: pyFloat(5) } });
    await engine.close();

    const [entry] = await store.query({ trail });
    expect(canonicalJson(entry!.detail, 'detail')).toBe('{"price":5.0}');
    expect(hashEntry(entry!)).toBe(decision.entry?.entryHash);
    await store.clear(trail);
  });
});
