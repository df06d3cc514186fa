import { ValidationError } from '@auditgate/core';
import { ActionGate, Gate, Policy, type PolicyOptions } from '@auditgate/actiongate';
import { Budget, BudgetGate, Ledger, ReservationStoreError, type BudgetOptions } from '@auditgate/budgetgate';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startPrivateRedis, type PrivateRedis } from '../test/redis-server.js';
import { RedisTimeoutError, RedisUnavailableError } from './errors.js';
import { openRedisActionStore, openRedisBudgetStore } from './open.js';
import { RedisActionStore } from './redis-action-store.js';
import { RedisBudgetStore } from './redis-budget-store.js';

const GATE = new Gate('billing', 'refund', 'user:42');
const LEDGER = new Ledger('openai', 'gpt-4o', 'team:eng');

// Long enough that a test only passes when the store fails without waiting for it.
const PATIENT_TIMEOUT_MS = 60_000;

function policy(options: Partial<PolicyOptions> = {}): Policy {
  return new Policy({ maxCalls: 5, window: 60, ...options });
}

function budget(options: Partial<BudgetOptions> = {}): Budget {
  return new Budget({ maxSpend: '10', window: 60, ...options });
}

describe('gate stores with Redis unreachable', () => {
  let url: string;

  beforeAll(async () => {
    url = `redis://127.0.0.1:${await freePort()}`;
  });

  it('blocks an action under FAIL_CLOSED', async () => {
    const store = new RedisActionStore({ url, commandTimeoutMs: PATIENT_TIMEOUT_MS });
    const decision = await new ActionGate({ store }).check(GATE, policy());

    expect(decision.status).toBe('BLOCK');
    expect(decision.reason).toBe('STORE_ERROR');
    expect(decision.storeError).toBeInstanceOf(RedisUnavailableError);
    await store.close();
  });

  it('allows an action under FAIL_OPEN', async () => {
    const store = new RedisActionStore({ url, commandTimeoutMs: PATIENT_TIMEOUT_MS });
    const decision = await new ActionGate({ store }).check(GATE, policy({ onStoreError: 'FAIL_OPEN' }));

    expect(decision.status).toBe('ALLOW');
    expect(decision.reason).toBe('STORE_ERROR');
    await store.close();
  });

  it('blocks a spend under FAIL_CLOSED and holds nothing', async () => {
    const store = new RedisBudgetStore({ url, commandTimeoutMs: PATIENT_TIMEOUT_MS });
    const reservation = await new BudgetGate({ store }).reserve(LEDGER, budget(), '1');

    expect(reservation.decision.status).toBe('BLOCK');
    expect(reservation.decision.reason).toBe('STORE_ERROR');
    expect(reservation.decision.storeError).toBeInstanceOf(RedisUnavailableError);
    expect(reservation.held).toBe(false);
    await store.close();
  });

  it('allows a spend under FAIL_OPEN', async () => {
    const store = new RedisBudgetStore({ url, commandTimeoutMs: PATIENT_TIMEOUT_MS });
    const decision = await new BudgetGate({ store }).check(LEDGER, budget({ onStoreError: 'FAIL_OPEN' }), '1');

    expect(decision.status).toBe('ALLOW');
    expect(decision.reason).toBe('STORE_ERROR');
    await store.close();
  });

  it('fails the open helpers with the address', async () => {
    for (const open of [openRedisActionStore, openRedisBudgetStore]) {
      const error = await open(url).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RedisUnavailableError);
      expect((error as Error).message).toContain(url.slice('redis://'.length));
    }
  });
});

describe('gate stores when Redis stops', () => {
  let server: PrivateRedis;

  beforeAll(async () => {
    server = await startPrivateRedis();
  });

  afterAll(async () => {
    await server.remove();
  });

  it('fails a commit with ReservationStoreError and keeps it held', async () => {
    const store = new RedisBudgetStore({ url: server.url, commandTimeoutMs: PATIENT_TIMEOUT_MS });
    const reservation = await new BudgetGate({ store }).reserve(LEDGER, budget(), '1');
    expect(reservation.held).toBe(true);

    await server.kill();
    const error = await reservation.commit('1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReservationStoreError);
    expect((error as ReservationStoreError).cause).toBeInstanceOf(RedisUnavailableError);
    expect(reservation.held).toBe(true);
    await store.close();
  });
});

describe('gate stores on a paused server', () => {
  // CLIENT PAUSE and SCRIPT FLUSH affect every client of a server, so these use a private one.
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

  it('turns a timeout into STORE_ERROR', async () => {
    const actions = new RedisActionStore({ url: redis.url, commandTimeoutMs: 200 });
    const budgets = new RedisBudgetStore({ url: redis.url, commandTimeoutMs: 200 });
    await Promise.all([actions.ping(), budgets.ping()]);

    await admin.client('PAUSE', 5_000, 'WRITE');
    const action = await new ActionGate({ store: actions }).check(GATE, policy());
    const spend = await new BudgetGate({ store: budgets }).check(LEDGER, budget(), '1');
    await admin.client('UNPAUSE');

    expect(action.reason).toBe('STORE_ERROR');
    expect(action.storeError).toBeInstanceOf(RedisTimeoutError);
    expect(spend.reason).toBe('STORE_ERROR');
    expect(spend.storeError).toBeInstanceOf(RedisTimeoutError);
    await actions.close();
    await budgets.close();
  });

  it('keeps deciding after SCRIPT FLUSH', async () => {
    const actionStore = new RedisActionStore({ url: redis.url, keyPrefix: 'flush:' });
    const budgetStore = new RedisBudgetStore({ url: redis.url, keyPrefix: 'flush:' });
    const actions = new ActionGate({ store: actionStore });
    const budgets = new BudgetGate({ store: budgetStore });
    const rule = policy({ maxCalls: 2 });
    expect((await actions.check(GATE, rule)).status).toBe('ALLOW');
    const reservation = await budgets.reserve(LEDGER, budget(), '4');

    await admin.script('FLUSH');
    const second = await actions.check(GATE, rule);
    const third = await actions.check(GATE, rule);
    expect(second.status).toBe('ALLOW');
    expect(third.reason).toBe('RATE_LIMIT');

    await admin.script('FLUSH');
    expect(await reservation.commit('3')).toEqual({ expired: false });
    await admin.script('FLUSH');
    expect((await budgets.check(LEDGER, budget(), '7')).allowed).toBe(true);
    expect((await budgets.check(LEDGER, budget(), '0.01')).reason).toBe('BUDGET_EXCEEDED');
    await actionStore.close();
    await budgetStore.close();
  });

  it('rejects checks after close', async () => {
    const store = new RedisActionStore({ url: redis.url });
    await store.close();

    const decision = await new ActionGate({ store }).check(GATE, policy());
    expect(decision.reason).toBe('STORE_ERROR');
    expect(decision.storeError).toBeInstanceOf(ValidationError);
    expect((decision.storeError as ValidationError).code).toBe('STORE_CLOSED');
  });
});
