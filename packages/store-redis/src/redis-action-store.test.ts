import { ValidationError } from '@auditgate/core';
import { ActionGate, Gate, ManualClock, Policy, type CallLimits } from '@auditgate/actiongate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedis, type TestRedis } from '../test/redis-server.js';
import { openRedisActionStore } from './open.js';
import { RedisActionStore } from './redis-action-store.js';

const HOUR = 3600;

let redis: TestRedis;
let store: RedisActionStore;
let gateNumber = 0;

beforeAll(async () => {
  redis = await testRedis();
  store = new RedisActionStore({ url: redis.url, keyPrefix: redis.keyPrefix });
});

afterAll(async () => {
  await store.close();
  await redis.close();
});

/** Returns a gate key that no other test uses. */
function freshKey(): string {
  gateNumber += 1;
  return `billing:refund@user:${gateNumber}`;
}

function limits(maxCalls: number, window: number | null, cooldown = 0): CallLimits {
  return { maxCalls, window, cooldown };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('RedisActionStore decisions', () => {
  it('allows maxCalls calls, then RATE_LIMIT', async () => {
    const key = freshKey();
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await store.checkAndReserve(key, limits(3, HOUR), 0));

    expect(outcomes.map((outcome) => outcome.allowed)).toEqual([true, true, true, false]);
    expect(outcomes.map((outcome) => outcome.callsInWindow)).toEqual([1, 2, 3, 3]);
    expect(outcomes[3]?.reason).toBe('RATE_LIMIT');
    expect(outcomes[0]?.reason).toBeNull();
  });

  it('checks the cooldown before the rate limit', async () => {
    const key = freshKey();
    await store.checkAndReserve(key, limits(1, HOUR, HOUR), 0);

    const second = await store.checkAndReserve(key, limits(1, HOUR, HOUR), 0);
    expect(second.allowed).toBe(false);
    expect(second.reason).toBe('COOLDOWN');
    expect(second.callsInWindow).toBe(1);
  });

  it('blocks maxCalls 0 at once', async () => {
    const outcome = await store.checkAndReserve(freshKey(), limits(0, HOUR), 0);
    expect(outcome).toEqual({ allowed: false, reason: 'RATE_LIMIT', callsInWindow: 0, timeSinceLast: null });
  });

  it('measures timeSinceLast on the server clock', async () => {
    const key = freshKey();
    const first = await store.checkAndReserve(key, limits(5, HOUR), 1e9);
    await sleep(20);
    // The gate's `now` jumps back a billion seconds; the server's clock does not.
    const second = await store.checkAndReserve(key, limits(5, HOUR), 0);

    expect(first.timeSinceLast).toBeNull();
    expect(second.timeSinceLast).toBeGreaterThanOrEqual(0.015);
    expect(second.timeSinceLast).toBeLessThan(HOUR);
  });

  it('frees calls once they leave the window', async () => {
    const key = freshKey();
    const policy = limits(2, 0.3);
    await store.checkAndReserve(key, policy, 0);
    await store.checkAndReserve(key, policy, 0);
    expect((await store.checkAndReserve(key, policy, 0)).reason).toBe('RATE_LIMIT');

    await sleep(350);
    const later = await store.checkAndReserve(key, policy, 0);
    expect(later.allowed).toBe(true);
    expect(later.callsInWindow).toBe(1);
  });

  it('counts every call without a window', async () => {
    const key = freshKey();
    await store.checkAndReserve(key, limits(1, null), 0);
    const second = await store.checkAndReserve(key, limits(1, null), 0);
    expect(second.reason).toBe('RATE_LIMIT');
  });

  it('records calls made in the same microsecond', async () => {
    const key = freshKey();
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => store.checkAndReserve(key, limits(100, HOUR), 0)));

    expect(outcomes.every((outcome) => outcome.allowed)).toBe(true);
    expect(new Set(outcomes.map((outcome) => outcome.callsInWindow)).size).toBe(50);
    expect(await store.client.zcard(store.keys.actionGate(key).calls)).toBe(50);
  });

  it('keeps only allowed calls in the key', async () => {
    const key = freshKey();
    for (let i = 0; i < 10; i++) await store.checkAndReserve(key, limits(3, HOUR), 0);
    expect(await store.client.zcard(store.keys.actionGate(key).calls)).toBe(3);
  });

  it('forgets a gate on clear', async () => {
    const key = freshKey();
    await store.checkAndReserve(key, limits(1, HOUR), 0);
    await store.clear(key);
    expect((await store.checkAndReserve(key, limits(1, HOUR), 0)).allowed).toBe(true);
  });
});

describe('RedisActionStore keys', () => {
  it('expires the key one window after the newest call', async () => {
    const key = freshKey();
    await store.checkAndReserve(key, limits(3, 60), 0);
    const ttl = await store.client.pttl(store.keys.actionGate(key).calls);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_001);
  });

  it('keeps the key without a window', async () => {
    const key = freshKey();
    await store.checkAndReserve(key, limits(3, 60), 0);
    await store.checkAndReserve(key, limits(3, null), 0);
    expect(await store.client.pttl(store.keys.actionGate(key).calls)).toBe(-1);
  });

  it('writes one key inside the gate hash tag', async () => {
    const key = freshKey();
    await store.checkAndReserve(key, limits(3, 60), 0);
    const written = await store.client.keys(`${redis.keyPrefix}{${key}}*`);
    expect(written).toEqual([`${redis.keyPrefix}{${key}}:actiongate:calls`]);
  });
});

describe('RedisActionStore arguments', () => {
  const invalid: [string, CallLimits][] = [
    ['maxCalls', { maxCalls: -1, window: 60, cooldown: 0 }],
    ['maxCalls', { maxCalls: 1.5, window: 60, cooldown: 0 }],
    ['window', { maxCalls: 1, window: 0, cooldown: 0 }],
    ['window', { maxCalls: 1, window: 2e9, cooldown: 0 }],
    ['cooldown', { maxCalls: 1, window: 60, cooldown: -1 }],
    ['cooldown', { maxCalls: 1, window: 60, cooldown: Number.NaN }],
  ];

  it.each(invalid)('rejects an invalid %s', async (field, bad) => {
    const error = await store.checkAndReserve(freshKey(), bad, 0).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
  });
});

describe('RedisActionStore behind ActionGate', () => {
  it('shares one window between skewed clocks', async () => {
    const gate = new Gate('billing', 'refund', `skew:${freshKey()}`);
    const policy = new Policy({ maxCalls: 3, window: 60 });
    const early = new ActionGate({ store, clock: new ManualClock(1_000_000) });
    const late = new ActionGate({ store, clock: new ManualClock(1_000_000 + HOUR) });

    expect((await early.check(gate, policy)).allowed).toBe(true);
    expect((await late.check(gate, policy)).allowed).toBe(true);
    const third = await early.check(gate, policy);
    const fourth = await late.check(gate, policy);

    expect(third.allowed).toBe(true);
    expect(third.callsInWindow).toBe(3);
    expect(fourth.reason).toBe('RATE_LIMIT');
    // An hour of clock skew does not show: the last call was moments ago on the server's clock.
    expect(fourth.timeSinceLast).toBeLessThan(60);
  });

  it('opens with openRedisActionStore', async () => {
    const opened = await openRedisActionStore(redis.url, { keyPrefix: redis.keyPrefix });
    const gate = new Gate('billing', 'refund', `opened:${freshKey()}`);
    const decision = await new ActionGate({ store: opened }).check(gate, new Policy({ maxCalls: 1, window: 60 }));
    expect(decision.status).toBe('ALLOW');
    await opened.close();
  });
});
