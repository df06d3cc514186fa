import { Engine, ValidationError } from '@auditgate/core';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chainProblems } from '../test/chain.js';
import { chainRecords } from '../test/records.js';
import { testRedis, type TestRedis } from '../test/redis-server.js';
import { KeySpace } from './keys.js';
import { RedisStore } from './redis-store.js';

const TRAIL = 'billing:actiongate@user:42';

let redis: TestRedis;
let store: RedisStore;

beforeAll(async () => {
  redis = await testRedis();
  store = new RedisStore({ url: redis.url, keyPrefix: redis.keyPrefix });
});

afterEach(async () => {
  await store.clear();
});

afterAll(async () => {
  await store.close();
  await redis.close();
});

describe('RedisStore prune', () => {
  it('removes old entries and records the anchor', async () => {
    // ts 1000 + sequence, so before 1004 removes sequences 0 to 3.
    const records = chainRecords(TRAIL, 10);
    await store.append(TRAIL, records);

    expect(await store.prune(TRAIL, 1004)).toBe(4);
    const removedLast = records[3]!.entry;
    expect(await store.anchor(TRAIL)).toEqual({ sequence: 3, entryHash: removedLast.entryHash, ts: removedLast.ts });

    const rest = await store.query({ trail: TRAIL });
    expect(rest.map((entry) => entry.sequence)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(rest[0]?.prevHash).toBe(removedLast.entryHash);
    expect(chainProblems(rest, 4)).toEqual([]);
  });

  it('keeps the tail when every entry goes', async () => {
    const records = chainRecords(TRAIL, 3);
    await store.append(TRAIL, records);

    expect(await store.prune(TRAIL, 5000)).toBe(3);
    expect(await store.count({ trail: TRAIL })).toBe(0);
    expect((await store.tail(TRAIL))?.sequence).toBe(2);
    expect(await store.trails()).toEqual([TRAIL]);

    const engine = new Engine({ store: new RedisStore({ url: redis.url, keyPrefix: redis.keyPrefix }), clock: () => 6000 });
    engine.register(TRAIL, { integrity: 'CHAIN' });
    const decision = await engine.record({ trail: TRAIL, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'x' });
    await engine.close();
    expect(decision.entry?.sequence).toBe(3);
    expect(decision.entry?.prevHash).toBe(records[2]!.entry.entryHash);
  });

  it('prunes in steps past 1000 entries', async () => {
    const records = chainRecords(TRAIL, 2500);
    await store.append(TRAIL, records);

    expect(await store.prune(TRAIL, 1000 + 2400)).toBe(2400);
    expect((await store.anchor(TRAIL))?.sequence).toBe(2399);
    expect(await store.count({ trail: TRAIL })).toBe(100);
  });

  it('forgets the record ids of pruned entries', async () => {
    await store.append(TRAIL, chainRecords(TRAIL, 10));
    await store.prune(TRAIL, 1006);

    const admin = new Redis(redis.url);
    const ids = await admin.zcard(new KeySpace(redis.keyPrefix).trail(TRAIL).ids);
    await admin.quit();
    expect(ids).toBe(4);
  });

  it('returns 0 and no anchor when nothing is old', async () => {
    await store.append(TRAIL, chainRecords(TRAIL, 3));
    expect(await store.prune(TRAIL, 1000)).toBe(0);
    expect(await store.anchor(TRAIL)).toBeNull();
    expect(await store.prune('no:such@trail', 1e12)).toBe(0);
  });

  it('counts each entry once under concurrent prunes', async () => {
    await store.append(TRAIL, chainRecords(TRAIL, 3000));
    const others = [0, 1, 2].map(() => new RedisStore({ url: redis.url, keyPrefix: redis.keyPrefix }));

    const removed = await Promise.all(others.map((other) => other.prune(TRAIL, 1000 + 2500)));
    await Promise.all(others.map((other) => other.close()));
    expect(removed.reduce((sum, n) => sum + n, 0)).toBe(2500);
    expect((await store.anchor(TRAIL))?.sequence).toBe(2499);
  });

  it('rejects a non-finite before', async () => {
    await expect(store.prune(TRAIL, Number.NaN)).rejects.toThrow(ValidationError);
  });
});
