import { Engine } from '@auditgate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../src/redis-store.js';
import { chainProblems } from './chain.js';
import { testRedis, type TestRedis } from './redis-server.js';
import { startWriter } from './writers.js';

const TRAIL = 'billing:actiongate@crash';

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

describe('writer killed with SIGKILL', () => {
  it('leaves a trail that verifies and continues', async () => {
    const writers = [0, 1].map((worker) => startWriter(redis.url, redis.keyPrefix, TRAIL, 'forever', worker));
    await Promise.all(writers.map((writer) => writer.started));
    // Let the writers contend for a while, so the kill lands between appends or inside one.
    await waitForCount(2000);

    writers[0]!.child.kill('SIGKILL');
    expect(await writers[0]!.exited).toBe('SIGKILL');
    await waitForCount((await store.count({ trail: TRAIL })) + 500);
    writers[1]!.child.kill('SIGKILL');
    await writers[1]!.exited;

    const survived = await store.query({ trail: TRAIL });
    expect(survived.length).toBeGreaterThanOrEqual(2500);
    expect(chainProblems(survived)).toEqual([]);

    const engine = new Engine({ store: new RedisStore({ url: redis.url, keyPrefix: redis.keyPrefix }) });
    engine.register(TRAIL, { integrity: 'CHAIN' });
    for (let i = 0; i < 10; i++) await engine.record({ trail: TRAIL, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'after' });
    await engine.close();

    const all = await store.query({ trail: TRAIL });
    expect(all).toHaveLength(survived.length + 10);
    expect(chainProblems(all)).toEqual([]);
  });
});

/** Polls until the trail contains at least `target` entries, for at most 20 seconds. */
async function waitForCount(target: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await store.count({ trail: TRAIL })) < target) {
    if (Date.now() > deadline) throw new Error(`the trail did not reach ${target} entries within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
