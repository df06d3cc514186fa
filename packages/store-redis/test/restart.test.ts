import { Engine } from '@auditgate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../src/redis-store.js';
import { chainProblems } from './chain.js';
import { startPrivateRedis, type PrivateRedis } from './redis-server.js';

const TRAIL = 'billing:actiongate@restart';
const INPUT = { trail: TRAIL, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'refund' } as const;

let server: PrivateRedis;

beforeAll(async () => {
  // Restarting needs a server of its own, even when REDIS_URL names a shared one.
  server = await startPrivateRedis({ appendOnly: true });
});

afterAll(async () => {
  await server.remove();
});

describe('Redis restart with AOF', () => {
  it('resumes the chain in old and new engines', async () => {
    const first = new Engine({ store: new RedisStore({ url: server.url }) });
    first.register(TRAIL, { integrity: 'CHAIN' });
    await Promise.all(Array.from({ length: 100 }, () => first.record(INPUT)));

    // SIGKILL gives no chance to flush; appendfsync always has written every acknowledged append.
    await server.restart();
    await waitUntil(() => first.store.tail(TRAIL));
    await Promise.all(Array.from({ length: 100 }, () => first.record(INPUT)));
    await first.close();

    await server.restart();
    const second = new Engine({ store: new RedisStore({ url: server.url }) });
    second.register(TRAIL, { integrity: 'CHAIN' });
    await waitUntil(() => second.store.tail(TRAIL));
    await Promise.all(Array.from({ length: 100 }, () => second.record(INPUT)));

    const entries = await second.query({ trail: TRAIL });
    await second.close();
    expect(entries).toHaveLength(300);
    expect(chainProblems(entries)).toEqual([]);
  });
});

/** Calls `attempt` until it resolves, for at most ten seconds. */
async function waitUntil(attempt: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
