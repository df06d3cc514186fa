import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../src/redis-store.js';
import { chainProblems } from './chain.js';
import { testRedis, type TestRedis } from './redis-server.js';
import { startWriter } from './writers.js';

const TRAIL = 'billing:actiongate@shared';
const WRITERS = 4;
const PER_WRITER = 2500;

let redis: TestRedis;
let store: RedisStore;

beforeAll(async () => {
  redis = await testRedis();
  store = new RedisStore({ url: redis.url, keyPrefix: redis.keyPrefix });
});

afterAll(async () => {
  await store.clear();
  await store.close();
  await redis.close();
});

describe('writers in separate processes', () => {
  it('build one contiguous chain in one trail', { timeout: 45_000 }, async () => {
    const writers = Array.from({ length: WRITERS }, (_, worker) => startWriter(redis.url, redis.keyPrefix, TRAIL, PER_WRITER, worker));
    const statuses = await Promise.all(writers.map((writer) => writer.exited));
    expect(statuses, writers.map((writer) => writer.stderr()).join('\n')).toEqual([0, 0, 0, 0]);

    const entries = await store.query({ trail: TRAIL });
    expect(entries).toHaveLength(WRITERS * PER_WRITER);
    expect(entries.at(-1)?.sequence).toBe(WRITERS * PER_WRITER - 1);
    expect(chainProblems(entries)).toEqual([]);

    for (let worker = 0; worker < WRITERS; worker++) {
      const own = entries.filter((entry) => entry.recordedBy === `worker-${worker}`);
      expect(own).toHaveLength(PER_WRITER);
      // Each writer's numbers 0..2499 appear once, so nothing was lost or written twice.
      expect(new Set(own.map((entry) => entry.detail.n)).size).toBe(PER_WRITER);
    }
  });
});
