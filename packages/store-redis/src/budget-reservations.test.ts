import { Budget, BudgetGate, Ledger, type SpendRequest } from '@auditgate/budgetgate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRedis, type TestRedis } from '../test/redis-server.js';
import { CommitExceedsHoldError } from './gate-errors.js';
import { RedisBudgetStore } from './redis-budget-store.js';

const HOUR = 3600;
const MAX_SPEND = 1000n;

// Holds short enough that tests wait for them to expire without slowing the run much.
const SHORT_HOLD = 0.15;
const PAST_SHORT_HOLD_MS = 200;

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

function freshKey(): string {
  ledgerNumber += 1;
  return `openai:gpt-4o@reservations:${ledgerNumber}`;
}

function hold(amount: bigint, holdFor: number): SpendRequest {
  return { amount, maxSpend: MAX_SPEND, window: HOUR, scale: 6, holdFor };
}

/** Committed spends plus active reservations, read through a check of 0 units. */
async function spent(key: string): Promise<bigint> {
  return (await store.checkAndReserve(key, { amount: 0n, maxSpend: MAX_SPEND, window: HOUR, scale: 6, holdFor: null }, 0)).spentInWindow;
}

async function reserve(key: string, amount: bigint, holdFor = 60): Promise<string> {
  const outcome = await store.checkAndReserve(key, hold(amount, holdFor), 0);
  expect(outcome.allowed).toBe(true);
  return outcome.reservationId!;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('RedisBudgetStore settles once', () => {
  it('commits once and ignores a second commit', async () => {
    const key = freshKey();
    const id = await reserve(key, 500n);

    expect(await store.commit(key, id, 300n, 0)).toEqual({ expired: false });
    expect(await store.commit(key, id, 300n, 0)).toEqual({ expired: true });
    expect(await spent(key)).toBe(300n);
  });

  it('releases once and ignores a second release', async () => {
    const key = freshKey();
    const id = await reserve(key, 500n);

    expect(await store.release(key, id, 0)).toEqual({ expired: false });
    expect(await store.release(key, id, 0)).toEqual({ expired: true });
    expect(await spent(key)).toBe(0n);
  });

  it('records nothing for a commit after release', async () => {
    const key = freshKey();
    const id = await reserve(key, 500n);
    await store.release(key, id, 0);

    expect(await store.commit(key, id, 500n, 0)).toEqual({ expired: true });
    expect(await spent(key)).toBe(0n);
  });

  it('changes nothing for a release after commit', async () => {
    const key = freshKey();
    const id = await reserve(key, 500n);
    await store.commit(key, id, 200n, 0);

    expect(await store.release(key, id, 0)).toEqual({ expired: true });
    expect(await spent(key)).toBe(200n);
  });

  it('settles once among concurrent commits', async () => {
    const key = freshKey();
    const id = await reserve(key, 500n);
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => store.commit(key, id, 100n, 0)));

    expect(outcomes.filter((outcome) => !outcome.expired)).toHaveLength(1);
    expect(await spent(key)).toBe(100n);
  });

  it('keeps the hold when actual exceeds it', async () => {
    const key = freshKey();
    const id = await reserve(key, 500n);

    const error = await store.commit(key, id, 501n, 0).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CommitExceedsHoldError);
    expect((error as CommitExceedsHoldError).held).toBe(500n);
    expect(await spent(key)).toBe(500n);
    expect(await store.commit(key, id, 500n, 0)).toEqual({ expired: false });
  });

  it('records a commit of an unknown id', async () => {
    const key = freshKey();
    await reserve(key, 1n);
    expect(await store.commit(key, '1-999', 40n, 0)).toEqual({ expired: true });
    expect(await spent(key)).toBe(41n);
  });

  it('records nothing on a ledger without keys', async () => {
    const key = freshKey();
    expect(await store.commit(key, '1-1', 40n, 0)).toEqual({ expired: true });
    expect(await store.release(key, '1-1', 0)).toEqual({ expired: true });
    expect(await store.client.exists(...Object.values(store.keys.budgetLedger(key)))).toBe(0);
  });
});

describe('RedisBudgetStore reservation TTL', () => {
  it('stops counting an expired reservation', async () => {
    const key = freshKey();
    await reserve(key, 600n, SHORT_HOLD);
    expect((await store.checkAndReserve(key, hold(600n, 60), 0)).allowed).toBe(false);

    await sleep(PAST_SHORT_HOLD_MS);
    expect((await store.checkAndReserve(key, hold(600n, 60), 0)).allowed).toBe(true);
    expect(await store.client.hget(store.keys.budgetLedger(key).totals, 'held')).toBe('600');
  });

  it('records a late commit once', async () => {
    const key = freshKey();
    const id = await reserve(key, 600n, SHORT_HOLD);
    await sleep(PAST_SHORT_HOLD_MS);

    expect(await store.commit(key, id, 250n, 0)).toEqual({ expired: true });
    expect(await store.commit(key, id, 250n, 0)).toEqual({ expired: true });
    expect(await spent(key)).toBe(250n);
  });

  it('ignores a commit after an expired release', async () => {
    const key = freshKey();
    const id = await reserve(key, 600n, SHORT_HOLD);
    await sleep(PAST_SHORT_HOLD_MS);

    expect(await store.release(key, id, 0)).toEqual({ expired: true });
    expect(await store.commit(key, id, 250n, 0)).toEqual({ expired: true });
    expect(await spent(key)).toBe(0n);
  });

  it('deletes the keys of an orphaned reservation', async () => {
    const key = freshKey();
    await store.checkAndReserve(key, { ...hold(600n, SHORT_HOLD), window: SHORT_HOLD }, 0);
    const keys = Object.values(store.keys.budgetLedger(key));
    expect(await store.client.exists(...keys)).toBeGreaterThan(0);

    // Expiry after SHORT_HOLD, then the id is remembered for SHORT_HOLD more.
    await sleep(2 * PAST_SHORT_HOLD_MS);
    expect(await store.client.exists(...keys)).toBe(0);
  });

  it('expires reservations through BudgetGate', async () => {
    const budgets = new BudgetGate({ store, reservationTtl: SHORT_HOLD });
    const ledger = new Ledger('openai', 'gpt-4o', `gate:${freshKey()}`);
    const budget = new Budget({ maxSpend: '1.00', window: HOUR });

    const abandoned = await budgets.reserve(ledger, budget, '1.00');
    expect(abandoned.held).toBe(true);
    expect((await budgets.check(ledger, budget, '0.01')).allowed).toBe(false);

    await sleep(PAST_SHORT_HOLD_MS);
    expect((await budgets.check(ledger, budget, '0.01')).allowed).toBe(true);
    expect(await abandoned.commit('0.50')).toEqual({ expired: true });
    expect((await budgets.check(ledger, budget, '0.50')).allowed).toBe(false);
  });
});
