import { Engine, StoreConflictError, Trail, ValidationError } from '@auditgate/core';
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

describe('RedisStore append', () => {
  it('stores a batch and moves the tail', async () => {
    const records = chainRecords(TRAIL, 3);
    await store.append(TRAIL, records);

    const last = records[2]!.entry;
    expect(await store.tail(TRAIL)).toEqual({ sequence: 2, entryHash: last.entryHash, ts: last.ts });
    expect(await store.query({ trail: TRAIL })).toEqual(records.map((record) => record.entry));
  });

  it('returns null tail for unknown trail', async () => {
    expect(await store.tail('nobody:here@x')).toBeNull();
  });

  it('rejects a batch that skips a sequence', async () => {
    await store.append(TRAIL, chainRecords(TRAIL, 2));
    const gap = chainRecords(TRAIL, 1, { start: 3 });

    await expect(store.append(TRAIL, gap)).rejects.toThrow(StoreConflictError);
    expect(await store.count({ trail: TRAIL })).toBe(2);
    expect((await store.tail(TRAIL))?.sequence).toBe(1);
  });

  it('rejects a batch built on a stale tail', async () => {
    const first = chainRecords(TRAIL, 2);
    await store.append(TRAIL, first);
    // A second writer that read the tail at sequence 0 builds sequence 1 again.
    const stale = chainRecords(TRAIL, 1, { start: 1, prevHash: first[0]!.entry.entryHash });

    const error = await store.append(TRAIL, stale).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreConflictError);
    expect((error as StoreConflictError).code).toBe('STORE_CONFLICT');
    expect((error as Error).message).toContain('next sequence 2');
  });

  it('rejects a prev_hash that names another entry', async () => {
    await store.append(TRAIL, chainRecords(TRAIL, 1));
    const forked = chainRecords(TRAIL, 1, { start: 1, prevHash: 'f'.repeat(64) });

    await expect(store.append(TRAIL, forked)).rejects.toThrow(/prev_hash/);
    expect(await store.count({ trail: TRAIL })).toBe(1);
  });

  it('rejects a ts below the tail ts', async () => {
    const first = chainRecords(TRAIL, 1, { ts: () => 5000 });
    await store.append(TRAIL, first);
    const earlier = chainRecords(TRAIL, 1, { start: 1, prevHash: first[0]!.entry.entryHash, ts: () => 4999.5 });

    await expect(store.append(TRAIL, earlier)).rejects.toThrow(/ts 4999.5/);
    expect((await store.tail(TRAIL))?.ts).toBe(5000);
  });

  it('rejects a regression inside one batch without writing any of it', async () => {
    const batch = chainRecords(TRAIL, 3, { ts: (i) => [10, 12, 11][i]! });

    await expect(store.append(TRAIL, batch)).rejects.toThrow(StoreConflictError);
    expect(await store.tail(TRAIL)).toBeNull();
    expect(await store.count({})).toBe(0);
  });

  it('rejects an entry of another trail', async () => {
    const foreign = chainRecords('other:gate@user:1', 1);
    await expect(store.append(TRAIL, foreign)).rejects.toThrow(StoreConflictError);
  });

  it('skips a batch whose ids are all stored', async () => {
    const records = chainRecords(TRAIL, 4);
    await store.append(TRAIL, records);
    await store.append(TRAIL, chainRecords(TRAIL, 1, { start: 4, prevHash: records[3]!.entry.entryHash }));

    // The retry of a batch whose reply was lost, sent after another batch moved the tail.
    await store.append(TRAIL, records);
    expect(await store.count({ trail: TRAIL })).toBe(5);
    expect((await store.tail(TRAIL))?.sequence).toBe(4);
  });

  it('keeps sequences near 2**53 exact', async () => {
    // Plant a tail near the largest safe sequence, as if the trail had been written that far.
    const stored = 2 ** 53 - 4;
    const admin = new Redis(redis.url);
    await admin.hset(new KeySpace(redis.keyPrefix).trail(TRAIL).tail, 'seq', String(stored), 'hash', 'a'.repeat(64), 'ts', '1000');
    await admin.quit();

    const batch = chainRecords(TRAIL, 2, { start: stored + 1, prevHash: 'a'.repeat(64), ts: () => 2000 });
    await store.append(TRAIL, batch);
    expect((await store.tail(TRAIL))?.sequence).toBe(stored + 2);

    const again = chainRecords(TRAIL, 1, { start: stored + 1, ts: () => 2000 });
    await expect(store.append(TRAIL, again)).rejects.toThrow(`next sequence ${stored + 3}`);
  });

  it('keeps the tail hash null under integrity NONE', async () => {
    const engine = new Engine({ store: new RedisStore({ url: redis.url, keyPrefix: redis.keyPrefix }) });
    engine.register(TRAIL, { integrity: 'NONE' });
    await engine.record({ trail: TRAIL, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'x' });
    await engine.close();

    expect(await store.tail(TRAIL)).toMatchObject({ sequence: 0, entryHash: null });
  });
});

describe('RedisStore engines', () => {
  it('keeps ts rising when one clock is an hour behind', async () => {
    const now = 1_800_000_000;
    const ahead = new Engine({ store: new RedisStore({ url: redis.url, keyPrefix: redis.keyPrefix }), clock: () => now });
    const behind = new Engine({ store: new RedisStore({ url: redis.url, keyPrefix: redis.keyPrefix }), clock: () => now - 3600 });
    for (const engine of [ahead, behind]) engine.register(TRAIL, { integrity: 'CHAIN' });

    for (let round = 0; round < 5; round++) {
      await ahead.record({ trail: TRAIL, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'a' });
      await behind.record({ trail: TRAIL, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'b' });
    }
    await Promise.all([ahead.close(), behind.close()]);

    const entries = await store.query({ trail: TRAIL });
    expect(entries).toHaveLength(10);
    expect(entries.every((entry) => entry.ts === now)).toBe(true);
    expect(chainProblems(entries)).toEqual([]);
  });

  it('interleaves two engines into one chain', async () => {
    const engines = [0, 1].map(() => new Engine({ store: new RedisStore({ url: redis.url, keyPrefix: redis.keyPrefix }) }));
    for (const engine of engines) engine.register(TRAIL, { integrity: 'CHAIN' });

    const writes = engines.flatMap((engine, e) =>
      Array.from({ length: 300 }, (_, i) =>
        engine.record({ trail: TRAIL, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: `engine-${e}`, detail: { i } }),
      ),
    );
    await Promise.all(writes);
    await Promise.all(engines.map((engine) => engine.close()));

    const entries = await store.query({ trail: TRAIL });
    expect(entries).toHaveLength(600);
    expect(chainProblems(entries)).toEqual([]);
  });
});

describe('RedisStore trails and clear', () => {
  it('lists trails with a tail', async () => {
    await store.append('b:gate@1', chainRecords('b:gate@1', 1));
    await store.append('a:gate@1', chainRecords('a:gate@1', 1));
    expect(await store.trails()).toEqual(['a:gate@1', 'b:gate@1']);
  });

  it('omits a trail whose first append failed', async () => {
    await expect(store.append(TRAIL, chainRecords(TRAIL, 1, { start: 5 }))).rejects.toThrow(StoreConflictError);
    expect(await store.trails()).toEqual([]);
  });

  it('clears one trail and restarts it at 0', async () => {
    await store.append(TRAIL, chainRecords(TRAIL, 3));
    await store.append('other:gate@1', chainRecords('other:gate@1', 1));

    await store.clear(TRAIL);
    expect(await store.tail(TRAIL)).toBeNull();
    expect(await store.trails()).toEqual(['other:gate@1']);
    await store.append(TRAIL, chainRecords(TRAIL, 1));
    expect((await store.tail(TRAIL))?.sequence).toBe(0);
  });

  it('clears every trail and deletes their keys', async () => {
    await store.append(TRAIL, chainRecords(TRAIL, 3));
    await store.prune(TRAIL, 1001);
    await store.clear();

    const admin = new Redis(redis.url);
    const keys = await admin.keys(`${redis.keyPrefix}*`);
    await admin.quit();
    expect(keys).toEqual([]);
  });
});

describe('RedisStore close', () => {
  it('rejects calls after close', async () => {
    const closing = new RedisStore({ url: redis.url, keyPrefix: redis.keyPrefix });
    await closing.close();

    const error = await closing.tail(TRAIL).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('STORE_CLOSED');
    await expect(closing.append(TRAIL, chainRecords(TRAIL, 1))).rejects.toThrow(/closed/);
  });

  it('leaves a passed client open', async () => {
    const client = new Redis(redis.url);
    const borrowing = new RedisStore({ client, keyPrefix: redis.keyPrefix });
    await borrowing.append(TRAIL, chainRecords(TRAIL, 1));
    await borrowing.close();

    expect(await client.ping()).toBe('PONG');
    await client.quit();
  });
});

describe('RedisStore engine', () => {
  it('records through Trail objects', async () => {
    const engine = new Engine({ store: new RedisStore({ url: redis.url, keyPrefix: redis.keyPrefix }) });
    const trail = new Trail('billing', 'actiongate', 'user:42');
    const decision = await engine.record({ trail, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'refund' });
    await engine.close();

    expect(decision.status).toBe('RECORDED');
    expect(await store.query({ trail: TRAIL })).toEqual([decision.entry]);
  });
});
