import { ManualClock } from '@auditgate/gate-kit';
import { describe, expect, it } from 'vitest';

import { Budget } from './budget.js';
import { BudgetGate } from './budget-gate.js';
import {
  CommitExceedsEstimateError,
  InvalidAmountError,
  ReservationNotHeldError,
  ReservationSettledError,
  ReservationStoreError,
} from './errors.js';
import { Ledger } from './ledger.js';
import { MemoryBudgetStore } from './memory-store.js';
import type { BudgetStore } from './store.js';

const ledger = new Ledger('anthropic', 'claude', 'user:9');
const budget = new Budget({ maxSpend: '1.00', window: 3600 });

function setup(store: BudgetStore = new MemoryBudgetStore(), reservationTtl = 300) {
  const clock = new ManualClock(0);
  return { clock, budgets: new BudgetGate({ clock, store, reservationTtl }) };
}

async function spent(budgets: BudgetGate): Promise<string> {
  return (await budgets.check(ledger, budget, '0')).spentInWindow.toString();
}

describe('Reservation', () => {
  it('holds the estimate until committed', async () => {
    const { budgets } = setup();
    const reservation = await budgets.reserve(ledger, budget, '0.80');

    expect(reservation.held).toBe(true);
    expect(reservation.estimate.toString()).toBe('0.8');
    expect((await budgets.check(ledger, budget, '0.21')).status).toBe('BLOCK');

    await expect(reservation.commit('0.30')).resolves.toEqual({ expired: false });
    expect(reservation.state).toBe('COMMITTED');
    expect(await spent(budgets)).toBe('0.3');
  });

  it('release gives the estimate back', async () => {
    const { budgets } = setup();
    const reservation = await budgets.reserve(ledger, budget, '1');

    await reservation.release();

    expect(reservation.state).toBe('RELEASED');
    expect(await spent(budgets)).toBe('0');
  });

  it.each([
    ['commit', 'commit'],
    ['commit', 'release'],
    ['release', 'commit'],
    ['release', 'release'],
  ] as const)('%s then %s fails cleanly', async (first, second) => {
    const { budgets } = setup();
    const reservation = await budgets.reserve(ledger, budget, '0.5');
    await (first === 'commit' ? reservation.commit('0.5') : reservation.release());

    const again = second === 'commit' ? reservation.commit('0.1') : reservation.release();

    await expect(again).rejects.toBeInstanceOf(ReservationSettledError);
    expect(await spent(budgets)).toBe(first === 'commit' ? '0.5' : '0');
  });

  it('rejects a second commit while the first runs', async () => {
    const { budgets } = setup();
    const reservation = await budgets.reserve(ledger, budget, '0.5');

    const first = reservation.commit('0.2');
    const second = reservation.commit('0.2');

    await expect(first).resolves.toEqual({ expired: false });
    await expect(second).rejects.toBeInstanceOf(ReservationSettledError);
    expect(await spent(budgets)).toBe('0.2');
  });

  it('rejects a commit above the estimate and stays held', async () => {
    const { budgets } = setup();
    const reservation = await budgets.reserve(ledger, budget, '0.5');

    await expect(reservation.commit('0.51')).rejects.toBeInstanceOf(CommitExceedsEstimateError);
    await expect(reservation.commit('abc')).rejects.toBeInstanceOf(InvalidAmountError);
    expect(reservation.held).toBe(true);

    await reservation.commit('0.5');
    expect(await spent(budgets)).toBe('0.5');
  });

  it('blocked reservation holds nothing', async () => {
    const { budgets } = setup();
    const reservation = await budgets.reserve(ledger, budget, '1.01');

    expect(reservation.decision.reason).toBe('BUDGET_EXCEEDED');
    expect(reservation.held).toBe(false);
    expect(reservation.id).toBeNull();
    await expect(reservation.commit('0')).rejects.toBeInstanceOf(ReservationNotHeldError);
    await expect(reservation.release()).rejects.toBeInstanceOf(ReservationNotHeldError);
  });

  it('store failure keeps it held for a retry', async () => {
    const inner = new MemoryBudgetStore();
    let failNext = true;
    const flaky: BudgetStore = {
      checkAndReserve: (key, request, now) => inner.checkAndReserve(key, request, now),
      commit(key, id, actual, now) {
        if (failNext) {
          failNext = false;
          throw new Error('connection reset');
        }
        return inner.commit(key, id, actual, now);
      },
      release: (key, id, now) => inner.release(key, id, now),
    };
    const { budgets } = setup(flaky);
    const reservation = await budgets.reserve(ledger, budget, '0.5');

    const error = await reservation.commit('0.4').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ReservationStoreError);
    expect((error as ReservationStoreError).cause).toBeInstanceOf(Error);
    expect(reservation.held).toBe(true);
    await expect(reservation.commit('0.4')).resolves.toEqual({ expired: false });
    expect(await spent(budgets)).toBe('0.4');
  });

  describe('expiry', () => {
    it('orphaned reservation expires after the TTL', async () => {
      const { budgets, clock } = setup(new MemoryBudgetStore(), 30);
      await budgets.reserve(ledger, budget, '1');

      clock.advance(29.9);
      expect((await budgets.check(ledger, budget, '0.01')).status).toBe('BLOCK');

      clock.advance(0.1);
      expect((await budgets.check(ledger, budget, '0.01')).status).toBe('ALLOW');
    });

    it('per-call TTL overrides the default', async () => {
      const { budgets, clock } = setup(new MemoryBudgetStore(), 300);
      await budgets.reserve(ledger, budget, '1', { ttl: 5 });

      clock.advance(5);

      expect((await budgets.check(ledger, budget, '1')).status).toBe('ALLOW');
    });

    it('late commit still records the actual cost', async () => {
      const { budgets, clock } = setup(new MemoryBudgetStore(), 10);
      const reservation = await budgets.reserve(ledger, budget, '0.5');
      clock.advance(11);

      await expect(reservation.commit('0.3')).resolves.toEqual({ expired: true });
      expect(reservation.state).toBe('COMMITTED');
      expect(await spent(budgets)).toBe('0.3');
    });
  });
});
