import { AuditError, Engine } from '@auditgate/core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainRecords } from '../test/records.js';
import { freePort, startPrivateRedis, type PrivateRedis } from '../test/redis-server.js';
import { RedisTimeoutError, RedisUnavailableError } from './errors.js';
import { openRedisStore } from './open.js';
import { RedisStore } from './redis-store.js';

const TRAIL = 'billing:actiongate@user:42';
const GUARD_INPUT = { verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'billing:refund' } as const;

// Long enough that a test only passes when the store fails without waiting for it.
const PATIENT_TIMEOUT_MS = 60_000;

describe('RedisStore with Redis unreachable', () => {
  let url: string;

  beforeAll(async () => {
    url = `redis://127.0.0.1:${await freePort()}`;
  });

  it('stops a FAIL_CLOSED guarded action', async () => {
    const engine = new Engine({ store: new RedisStore({ url, commandTimeoutMs: PATIENT_TIMEOUT_MS }) });
    let ran = false;

    const error = await engine.guard(TRAIL, GUARD_INPUT)(() => (ran = true)).catch((caught: unknown) => caught);
    expect(ran).toBe(false);
    expect(error).toBeInstanceOf(AuditError);
    expect((error as AuditError).cause).toBeInstanceOf(RedisUnavailableError);
    await engine.close();
  });

  it('throws from record under HARD and drops under SOFT', async () => {
    const engine = new Engine({ store: new RedisStore({ url, commandTimeoutMs: PATIENT_TIMEOUT_MS }) });
    await expect(engine.record({ trail: TRAIL, ...GUARD_INPUT })).rejects.toThrow(AuditError);

    engine.register(TRAIL, { mode: 'SOFT' });
    const decision = await engine.record({ trail: TRAIL, ...GUARD_INPUT });
    expect(decision.status).toBe('DROPPED');
    expect(decision.reason).toBe('STORE_ERROR');
    expect(decision.error).toBeInstanceOf(RedisUnavailableError);
    await engine.close();
  });

  it('fails openRedisStore with the address', async () => {
    const error = await openRedisStore(url).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect((error as RedisUnavailableError).code).toBe('REDIS_UNAVAILABLE');
    expect((error as Error).message).toContain(url.slice('redis://'.length));
  });
});

describe('RedisStore when Redis stops', () => {
  let server: PrivateRedis;

  beforeAll(async () => {
    server = await startPrivateRedis();
  });

  afterAll(async () => {
    await server.remove();
  });

  it('fails at once while down and recovers after restart', async () => {
    const store = new RedisStore({ url: server.url, commandTimeoutMs: PATIENT_TIMEOUT_MS });
    const engine = new Engine({ store });
    await engine.record({ trail: TRAIL, ...GUARD_INPUT });

    await server.kill();
    let ran = false;
    await expect(engine.guard(TRAIL, GUARD_INPUT)(() => (ran = true))).rejects.toThrow(AuditError);
    await expect(store.tail(TRAIL)).rejects.toThrow(RedisUnavailableError);
    expect(ran).toBe(false);

    await server.restart();
    await waitUntil(() => store.ping());
    // The server kept nothing on disk, so the trail starts again at 0.
    const decision = await engine.record({ trail: TRAIL, ...GUARD_INPUT });
    expect(decision.entry?.sequence).toBe(0);
    await engine.close();
  });
});

describe('RedisStore timeouts', () => {
  // CLIENT PAUSE stops every client of a server, so these tests never run on a shared one.
  let redis: PrivateRedis;
  let admin: Redis;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    admin = new Redis(redis.url);
  });

  afterAll(async () => {
    await admin.client('UNPAUSE');
    await admin.quit();
    await redis.remove();
  });

  it('retries a timed-out append once without duplicates', async () => {
    const store = new RedisStore({ url: redis.url, commandTimeoutMs: 1000 });
    await store.ping();
    const records = chainRecords(TRAIL, 5);

    // Writes wait until UNPAUSE: the first attempt times out, the retry is in flight by then.
    await admin.client('PAUSE', 10_000, 'WRITE');
    const appended = store.append(TRAIL, records);
    await sleep(1500);
    await admin.client('UNPAUSE');

    await expect(appended).resolves.toBeUndefined();
    expect(await store.count({ trail: TRAIL })).toBe(5);
    await store.clear();
    await store.close();
  });

  it('reports a second timeout, and a resend stores nothing twice', async () => {
    const store = new RedisStore({ url: redis.url, commandTimeoutMs: 300 });
    await store.ping();
    const records = chainRecords(TRAIL, 5);

    await admin.client('PAUSE', 10_000, 'WRITE');
    const error = await store.append(TRAIL, records).catch((caught: unknown) => caught);
    await admin.client('UNPAUSE');
    expect(error).toBeInstanceOf(RedisTimeoutError);
    expect((error as RedisTimeoutError).code).toBe('REDIS_TIMEOUT');

    // Both attempts ran once the pause ended; the caller's resend is skipped by id.
    await store.append(TRAIL, records);
    expect(await store.count({ trail: TRAIL })).toBe(5);
    expect((await store.tail(TRAIL))?.sequence).toBe(4);
    await store.clear();
    await store.close();
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Calls `attempt` until it resolves, for at most ten seconds. */
async function waitUntil(attempt: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}
