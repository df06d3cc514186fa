import { ValidationError } from '@auditgate/core';
import { Budget, BudgetGate, Ledger, ManualClock, type SpendRequest } from '@auditgate/budgetgate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedis, type TestRedis } from '../test/redis-server.js';
import { LedgerScaleError } from './gate-errors.js';
import { openRedisBudgetStore } from './open.js';
import { RedisBudgetStore } from './redis-budget-store.js';

const HOUR = 3600;

let redis: TestRedis;
let store: RedisBudgetStore;
let ledgerNumber = 0;

beforeAll(async () => {
  redis = await testRedis();
  store = new RedisBudgetStore({ url: redis.url, keyPrefix: redis.keyPrefix });
});

afterAll(async () => {
  await store.close();
  await redis.close();
});

/** Returns a ledger key that no other test uses. */
function freshKey(): string {
  ledgerNumber += 1;
  return `openai:gpt-4o@team:${ledgerNumber}`;
}

function spend(amount: bigint, maxSpend: bigint, window: number | null = HOUR, scale = 6): SpendRequest {
  return { amount, maxSpend, window, scale, holdFor: null };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('RedisBudgetStore decisions', () => {
  it('allows spending exactly up to maxSpend', async () => {
    const key = freshKey();
    const first = await store.checkAndReserve(key, spend(600n, 1000n), 0);
    const second = await store.checkAndReserve(key, spend(400n, 1000n), 0);
    const third = await store.checkAndReserve(key, spend(1n, 1000n), 0);

    expect(first).toEqual({ allowed: true, spentInWindow: 600n, reservationId: null });
    expect(second).toEqual({ allowed: true, spentInWindow: 1000n, reservationId: null });
    expect(third).toEqual({ allowed: false, spentInWindow: 1000n, reservationId: null });
  });

  it('counts reservations until settled', async () => {
    const key = freshKey();
    const held = await store.checkAndReserve(key, { ...spend(700n, 1000n), holdFor: 60 }, 0);
    expect(held.allowed).toBe(true);
    expect(held.reservationId).toMatch(/^\d+-\d+$/);

    expect((await store.checkAndReserve(key, spend(400n, 1000n), 0)).allowed).toBe(false);
    await store.release(key, held.reservationId!, 0);
    expect(await store.checkAndReserve(key, spend(400n, 1000n), 0)).toEqual({ allowed: true, spentInWindow: 400n, reservationId: null });
  });

  it('frees spends once they leave the window', async () => {
    const key = freshKey();
    await store.checkAndReserve(key, spend(800n, 1000n, 0.3), 0);
    expect((await store.checkAndReserve(key, spend(300n, 1000n, 0.3), 0)).allowed).toBe(false);

    await sleep(350);
    const later = await store.checkAndReserve(key, spend(300n, 1000n, 0.3), 0);
    expect(later).toEqual({ allowed: true, spentInWindow: 300n, reservationId: null });
    // The running total dropped by exactly the expired spend, and the set contains only the new one.
    expect(await store.client.hget(store.keys.budgetLedger(key).totals, 'spent')).toBe('300');
    expect(await store.client.zcard(store.keys.budgetLedger(key).spends)).toBe(1);
  });

  it('keeps every spend without a window', async () => {
    const key = freshKey();
    await store.checkAndReserve(key, spend(300n, 1000n, 0.3), 0);
    await store.checkAndReserve(key, spend(300n, 1000n, null), 0);
    await sleep(350);

    const outcome = await store.checkAndReserve(key, spend(500n, 1000n, null), 0);
    expect(outcome).toEqual({ allowed: false, spentInWindow: 600n, reservationId: null });
    expect(await store.client.pttl(store.keys.budgetLedger(key).totals)).toBe(-1);
  });

  it('rejects a second scale for a ledger', async () => {
    const key = freshKey();
    await store.checkAndReserve(key, spend(1n, 10n, HOUR, 6), 0);
    const error = await store.checkAndReserve(key, spend(1n, 10n, HOUR, 2), 0).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(LedgerScaleError);
    expect((error as LedgerScaleError).code).toBe('LEDGER_SCALE_MISMATCH');
    expect((error as LedgerScaleError).storedScale).toBe(6);
  });

  it('forgets a ledger on clear', async () => {
    const key = freshKey();
    await store.checkAndReserve(key, spend(10n, 10n), 0);
    await store.clear(key);
    expect((await store.checkAndReserve(key, spend(10n, 10n), 0)).allowed).toBe(true);
  });
});

describe('RedisBudgetStore exactness', () => {
  it('adds amounts beyond 2^64 exactly', async () => {
    const key = freshKey();
    const big = 2n ** 64n + 1n;
    const maxSpend = 10n ** 40n;
    let expected = 0n;
    for (let i = 0; i < 3; i++) {
      expected += big;
      expect((await store.checkAndReserve(key, spend(big, maxSpend), 0)).spentInWindow).toBe(expected);
    }

    const held = await store.checkAndReserve(key, { ...spend(big, maxSpend), holdFor: 60 }, 0);
    expect(held.spentInWindow).toBe(4n * big);
    await store.commit(key, held.reservationId!, big - 1n, 0);
    expect((await store.checkAndReserve(key, spend(0n, maxSpend), 0)).spentInWindow).toBe(4n * big - 1n);
  });

  it('blocks one unit past a limit above 2^53', async () => {
    const key = freshKey();
    const maxSpend = 2n ** 53n + 1n;
    expect((await store.checkAndReserve(key, spend(2n ** 53n, maxSpend), 0)).allowed).toBe(true);
    expect((await store.checkAndReserve(key, spend(2n, maxSpend), 0)).allowed).toBe(false);
    expect((await store.checkAndReserve(key, spend(1n, maxSpend), 0)).spentInWindow).toBe(maxSpend);
  });

  it('keeps 10,000 spends of one cent exact', async () => {
    const key = freshKey();
    const cent = 10_000n;
    const outcomes = await Promise.all(Array.from({ length: 10_000 }, () => store.checkAndReserve(key, spend(cent, 100_000_000n), 0)));
    expect(outcomes.every((outcome) => outcome.allowed)).toBe(true);
    expect((await store.checkAndReserve(key, spend(0n, 100_000_000n), 0)).spentInWindow).toBe(100_000_000n);
  });
});

describe('RedisBudgetStore keys', () => {
  it('writes four keys inside the ledger hash tag', async () => {
    const key = freshKey();
    const held = await store.checkAndReserve(key, { ...spend(1n, 10n), holdFor: 60 }, 0);
    await store.commit(key, held.reservationId!, 1n, 0);

    const written = (await store.client.keys(`${redis.keyPrefix}{${key}}*`)).sort();
    const base = `${redis.keyPrefix}{${key}}:budgetgate:`;
    expect(written).toEqual(['deadlines', 'holds', 'spends', 'totals'].map((name) => base + name));
  });

  it('expires the keys after the window and the forget time', async () => {
    const key = freshKey();
    await store.checkAndReserve(key, spend(1n, 10n, 60), 0);
    const afterSpend = await store.client.pttl(store.keys.budgetLedger(key).totals);
    expect(afterSpend).toBeGreaterThan(59_000);
    expect(afterSpend).toBeLessThanOrEqual(60_001);

    // A reservation held for 100 s is remembered until 200 s from now, longer than the window.
    await store.checkAndReserve(key, { ...spend(1n, 10n, 60), holdFor: 100 }, 0);
    const afterHold = await store.client.pttl(store.keys.budgetLedger(key).holds);
    expect(afterHold).toBeGreaterThan(199_000);
    expect(afterHold).toBeLessThanOrEqual(200_001);
  });
});

describe('RedisBudgetStore arguments', () => {
  const invalid: [string, SpendRequest][] = [
    ['amount', { amount: -1n, maxSpend: 10n, window: 60, scale: 6, holdFor: null }],
    ['amount', { amount: 1 as unknown as bigint, maxSpend: 10n, window: 60, scale: 6, holdFor: null }],
    ['maxSpend', { amount: 1n, maxSpend: -10n, window: 60, scale: 6, holdFor: null }],
    ['window', { amount: 1n, maxSpend: 10n, window: -1, scale: 6, holdFor: null }],
    ['scale', { amount: 1n, maxSpend: 10n, window: 60, scale: 1.5, holdFor: null }],
    ['holdFor', { amount: 1n, maxSpend: 10n, window: 60, scale: 6, holdFor: 0 }],
  ];

  it.each(invalid)('rejects an invalid %s', async (field, bad) => {
    const error = await store.checkAndReserve(freshKey(), bad, 0).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
  });

  it('rejects a malformed reservation id', async () => {
    const error = await store.commit(freshKey(), 'r1', 1n, 0).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('reservationId');
  });
});

describe('RedisBudgetStore behind BudgetGate', () => {
  it('decides, reserves and commits', async () => {
    const budgets = new BudgetGate({ store });
    const ledger = new Ledger('openai', 'gpt-4o', `gate:${freshKey()}`);
    const budget = new Budget({ maxSpend: '1.00', window: HOUR });

    expect((await budgets.check(ledger, budget, '0.25')).spentInWindow.toString()).toBe('0.25');
    const reservation = await budgets.reserve(ledger, budget, '0.50');
    expect(reservation.held).toBe(true);
    expect(await reservation.commit('0.10')).toEqual({ expired: false });

    const last = await budgets.check(ledger, budget, '0.65');
    expect(last.allowed).toBe(true);
    expect(last.remaining.toString()).toBe('0');
  });

  it('shares one window between skewed clocks', async () => {
    const ledger = new Ledger('openai', 'gpt-4o', `skew:${freshKey()}`);
    const budget = new Budget({ maxSpend: '1.00', window: 60 });
    const early = new BudgetGate({ store, clock: new ManualClock(1_000_000) });
    const late = new BudgetGate({ store, clock: new ManualClock(1_000_000 + HOUR) });

    await early.check(ledger, budget, '0.60');
    const decision = await late.check(ledger, budget, '0.60');
    expect(decision.reason).toBe('BUDGET_EXCEEDED');
    expect(decision.spentInWindow.toString()).toBe('0.6');
  });

  it('turns a scale mismatch into STORE_ERROR', async () => {
    const budgets = new BudgetGate({ store });
    const ledger = new Ledger('openai', 'gpt-4o', `scale:${freshKey()}`);
    await budgets.check(ledger, new Budget({ maxSpend: '1', window: HOUR, scale: 2 }), '0.5');

    const decision = await budgets.check(ledger, new Budget({ maxSpend: '1', window: HOUR }), '0.5');
    expect(decision.reason).toBe('STORE_ERROR');
    expect(decision.storeError).toBeInstanceOf(LedgerScaleError);
  });

  it('opens with openRedisBudgetStore', async () => {
    const opened = await openRedisBudgetStore(redis.url, { keyPrefix: redis.keyPrefix });
    const ledger = new Ledger('openai', 'gpt-4o', `opened:${freshKey()}`);
    const decision = await new BudgetGate({ store: opened }).check(ledger, new Budget({ maxSpend: '1', window: 60 }), '1');
    expect(decision.status).toBe('ALLOW');
    await opened.close();
  });
});
