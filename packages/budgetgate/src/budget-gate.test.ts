import { GateBus } from '@auditgate/bus';
import type { DecisionEvent } from '@auditgate/bus';
import { ManualClock } from '@auditgate/gate-kit';
import { describe, expect, it } from 'vitest';

import { Budget, type BudgetOptions } from './budget.js';
import { BudgetGate } from './budget-gate.js';
import { AmountPrecisionError, InvalidAmountError, InvalidBudgetError, InvalidIdentityError } from './errors.js';
import { Ledger } from './ledger.js';
import { MemoryBudgetStore } from './memory-store.js';
import type { BudgetStore } from './store.js';
import { delayed, rejectingStore, throwingStore } from './test-stores.js';

const ledger = new Ledger('openai', 'gpt-4o', 'team:eng');

function setup(options: Partial<BudgetOptions> = {}, store: BudgetStore = new MemoryBudgetStore()) {
  const clock = new ManualClock(1000);
  const budgets = new BudgetGate({ clock, store });
  return { clock, budgets, budget: new Budget({ maxSpend: '1.00', window: 60, ...options }) };
}

describe('BudgetGate.check', () => {
  it('allows up to maxSpend, inclusive', async () => {
    const { budgets, budget } = setup();

    const first = await budgets.check(ledger, budget, '0.60');
    const second = await budgets.check(ledger, budget, '0.40');
    const third = await budgets.check(ledger, budget, '0.01');

    expect([first.status, second.status, third.status]).toEqual(['ALLOW', 'ALLOW', 'BLOCK']);
    expect(third.reason).toBe('BUDGET_EXCEEDED');
    expect(third.message).toBe('Budget exceeded: 1 spent in the last 60s + 0.01 requested > 1 maximum.');
  });

  it('reports spent, requested and remaining', async () => {
    const { budgets, budget } = setup();
    await budgets.check(ledger, budget, '0.25');

    const allowed = await budgets.check(ledger, budget, '0.5');
    const blocked = await budgets.check(ledger, budget, '0.3');

    expect(allowed.toWire()).toStrictEqual({
      schema_version: '0.2.2',
      status: 'ALLOW',
      ledger: 'openai:gpt-4o@team:eng',
      reason: null,
      message: null,
      spent_in_window: '0.75',
      requested: '0.5',
      remaining: '0.25',
    });
    expect(blocked.toWire()).toMatchObject({ status: 'BLOCK', spent_in_window: '0.75', requested: '0.3', remaining: '0.25' });
  });

  it('blocked spends are not recorded', async () => {
    const { budgets, budget } = setup();
    await budgets.check(ledger, budget, '0.9');
    await budgets.check(ledger, budget, '0.5');

    const decision = await budgets.check(ledger, budget, '0.1');

    expect(decision.status).toBe('ALLOW');
    expect(decision.spentInWindow.toString()).toBe('1');
  });

  it('remaining is clamped at zero', async () => {
    const { budgets } = setup();
    await budgets.check(ledger, new Budget({ maxSpend: '5', window: 60 }), '3');

    const decision = await budgets.check(ledger, new Budget({ maxSpend: '1', window: 60 }), '0');

    expect(decision.status).toBe('BLOCK');
    expect(decision.remaining.toString()).toBe('0');
  });

  it('spends leave the window', async () => {
    const { budgets, budget, clock } = setup();
    await budgets.check(ledger, budget, '1');

    clock.advance(60.01);
    const decision = await budgets.check(ledger, budget, '1');

    expect(decision.status).toBe('ALLOW');
  });

  it('0.1 + 0.2 fills a 0.3 budget exactly', async () => {
    const { budgets } = setup();
    const budget = new Budget({ maxSpend: '0.3', window: null });
    await budgets.check(ledger, budget, '0.1');
    await budgets.check(ledger, budget, '0.2');

    const full = await budgets.check(ledger, budget, '0');
    const over = await budgets.check(ledger, budget, '0.000001');

    expect(full.status).toBe('ALLOW');
    expect(full.spentInWindow.toString()).toBe('0.3');
    expect(full.remaining.toString()).toBe('0');
    expect(over.status).toBe('BLOCK');
  });

  it('10000 spends of 0.01 sum to exactly 100.00', async () => {
    const { budgets } = setup();
    const budget = new Budget({ maxSpend: '100.00', window: null, scale: 2 });
    for (let i = 0; i < 10_000; i += 1) {
      const decision = await budgets.check(ledger, budget, '0.01');
      expect(decision.status).toBe('ALLOW');
    }

    const last = await budgets.check(ledger, budget, '0.01');

    expect(last.status).toBe('BLOCK');
    expect(last.toWire().spent_in_window).toBe('100');
    expect(last.spentInWindow.units).toBe(10_000n);
  });

  it('rejects invalid amounts', () => {
    const { budgets, budget } = setup();

    expect(() => budgets.check(ledger, budget, 0.1)).toThrow(InvalidAmountError);
    expect(() => budgets.check(ledger, budget, '1e-3')).toThrow(InvalidAmountError);
    expect(() => budgets.check(ledger, budget, '-1')).toThrow(InvalidAmountError);
    expect(() => budgets.check(ledger, budget, '0.0000001')).toThrow(AmountPrecisionError);
  });

  it('rejects plain objects as ledger or budget', () => {
    const { budgets, budget } = setup();

    expect(() => budgets.check({ key: 'a:b@c' } as unknown as Ledger, budget, '1')).toThrow(InvalidIdentityError);
    expect(() => budgets.check(ledger, { maxSpendUnits: 5n } as unknown as Budget, '1')).toThrow(InvalidBudgetError);
  });

  describe('store errors', () => {
    it.each([
      ['throwing', throwingStore, 'connection refused'],
      ['rejecting', rejectingStore, 'timed out'],
    ])('%s store blocks under FAIL_CLOSED', async (_label, store, text) => {
      const { budgets, budget } = setup({}, store);

      const decision = await budgets.check(ledger, budget, '0.1');

      expect(decision.status).toBe('BLOCK');
      expect(decision.reason).toBe('STORE_ERROR');
      expect(decision.message).toContain(text);
      expect(decision.toWire()).toMatchObject({ spent_in_window: '0', requested: '0.1', remaining: '0' });
    });

    it.each([
      ['throwing', throwingStore],
      ['rejecting', rejectingStore],
    ])('%s store allows under FAIL_OPEN', async (_label, store) => {
      const { budgets, budget } = setup({ onStoreError: 'FAIL_OPEN' }, store);

      const decision = await budgets.check(ledger, budget, '0.1');
      const reservation = await budgets.reserve(ledger, budget, '0.1');

      expect(decision.status).toBe('ALLOW');
      expect(decision.reason).toBe('STORE_ERROR');
      expect(reservation.decision.status).toBe('ALLOW');
      expect(reservation.held).toBe(false);
    });
  });

  describe('concurrency', () => {
    it.each([
      ['memory', () => new MemoryBudgetStore()],
      ['async', () => delayed(new MemoryBudgetStore())],
    ])('concurrent spends never overspend (%s store)', async (_label, makeStore) => {
      const { budgets, budget } = setup({ maxSpend: '1.00' }, makeStore());
      const amounts = Array.from({ length: 1000 }, (_, i) => `0.0${(i % 9) + 1}`);

      const decisions = await Promise.all(amounts.map((amount) => budgets.check(ledger, budget, amount)));

      const allowedUnits = decisions.filter((d) => d.allowed).reduce((sum, d) => sum + d.requested.toUnits(2), 0n);
      expect(allowedUnits).toBeLessThanOrEqual(100n);
      expect(allowedUnits).toBeGreaterThan(90n);
    });

    it.each([
      ['memory', () => new MemoryBudgetStore()],
      ['async', () => delayed(new MemoryBudgetStore())],
    ])('1000 concurrent reservations hold exactly the budget (%s store)', async (_label, makeStore) => {
      const { budgets, budget } = setup({ maxSpend: '1.00' }, makeStore());

      const reservations = await Promise.all(Array.from({ length: 1000 }, () => budgets.reserve(ledger, budget, '0.01')));

      expect(reservations.filter((reservation) => reservation.held)).toHaveLength(100);
    });
  });

  describe('bus', () => {
    it('emits decisions with gateType budgetgate', async () => {
      const bus = new GateBus();
      const events: DecisionEvent[] = [];
      bus.on('decision', (event) => {
        events.push(event);
      });
      const budgets = new BudgetGate({ bus, clock: new ManualClock(0) });
      const budget = new Budget({ maxSpend: '1', window: 60 });

      const checked = await budgets.check(ledger, budget, '0.4');
      const reserved = await budgets.reserve(ledger, budget, '0.5');

      expect(events).toHaveLength(2);
      expect(events[0]).toStrictEqual({ gateType: 'budgetgate', identity: ledger.key, decision: checked, wire: checked.toWire() });
      expect(events[1]?.decision).toBe(reserved.decision);
      expect(events[1]?.wire).toMatchObject({ spent_in_window: '0.9', remaining: '0.1' });
    });
  });

  it('rejects an invalid reservation TTL', () => {
    expect(() => new BudgetGate({ reservationTtl: 0 })).toThrow(InvalidBudgetError);
  });
});
