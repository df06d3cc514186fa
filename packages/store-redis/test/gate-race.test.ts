import { Budget, BudgetGate, Ledger } from '@auditgate/budgetgate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisBudgetStore } from '../src/redis-budget-store.js';
import { testRedis, type TestRedis } from './redis-server.js';
import { race } from './racers.js';

const RACERS = 4;

interface ActionResult {
  readonly allowed: number;
  readonly reasons: Record<string, number>;
}

interface BudgetResult extends ActionResult {
  readonly allowedSum: string;
  readonly expiredCommits: number;
}

let redis: TestRedis;

beforeAll(async () => {
  redis = await testRedis();
});

afterAll(async () => {
  await redis.close();
});

/** Sums decimal strings with up to two places exactly, in cents. */
function sumCents(amounts: readonly string[]): bigint {
  return amounts.reduce((total, amount) => {
    const [whole = '0', fraction = ''] = amount.split('.');
    return total + BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  }, 0n);
}

describe('racing processes', () => {
  it('allow exactly maxCalls checks of one gate', { timeout: 30_000 }, async () => {
    const args = Array.from({ length: RACERS }, () => [redis.url, redis.keyPrefix, 'race:actions', '100', '60']);
    const results = await race<ActionResult>('action-racer.mjs', args);

    expect(results.reduce((total, result) => total + result.allowed, 0)).toBe(100);
    const rateLimited = results.reduce((total, result) => total + (result.reasons.RATE_LIMIT ?? 0), 0);
    expect(rateLimited).toBe(RACERS * 60 - 100);
  });

  it('reserve exactly the budget in even amounts', { timeout: 30_000 }, async () => {
    const args = Array.from({ length: RACERS }, () => [redis.url, redis.keyPrefix, 'race:even', '10.00', '0.25', '30', 'reserve']);
    const results = await race<BudgetResult>('budget-racer.mjs', args);

    // 120 requests of 0.25 ask for 30.00, so exactly 40 fit into 10.00.
    expect(sumCents(results.map((result) => result.allowedSum))).toBe(1000n);
    expect(results.reduce((total, result) => total + result.allowed, 0)).toBe(40);
    expect(results.every((result) => result.reasons.STORE_ERROR === undefined)).toBe(true);
    expect(results.every((result) => result.expiredCommits === 0)).toBe(true);
    expect(await spentInStore('race:even', '10.00')).toBe('10');
  });

  it('never exceed the budget with mixed amounts', { timeout: 30_000 }, async () => {
    const amounts = ['0.30', '0.70', '1.10', '0.45'];
    const args = amounts.map((amount) => [redis.url, redis.keyPrefix, 'race:mixed', '10.00', amount, '20', 'check']);
    const results = await race<BudgetResult>('budget-racer.mjs', args);

    const allowed = sumCents(results.map((result) => result.allowedSum));
    expect(allowed).toBeLessThanOrEqual(1000n);
    // A request is blocked only when it exceeds what remains, and what remains never grows. The
    // 51.00 asked for cannot all fit, so what remains at the end is below the largest amount.
    expect(allowed).toBeGreaterThan(1000n - 110n);
    expect(sumCents([await spentInStore('race:mixed', '10.00')])).toBe(allowed);
  });
});

/** Reads what the store counts as spent on a ledger, through a check of 0. */
async function spentInStore(principal: string, maxSpend: string): Promise<string> {
  const store = new RedisBudgetStore({ url: redis.url, keyPrefix: redis.keyPrefix });
  const decision = await new BudgetGate({ store }).check(new Ledger('openai', 'gpt-4o', principal), new Budget({ maxSpend, window: 3600 }), '0');
  await store.close();
  return decision.spentInWindow.toString();
}
