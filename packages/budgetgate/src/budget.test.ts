import { describe, expect, it } from 'vitest';

import { Budget, type BudgetOptions } from './budget.js';
import { Decimal } from './decimal.js';
import { AmountPrecisionError, InvalidAmountError, InvalidBudgetError } from './errors.js';

describe('Budget', () => {
  it('applies defaults', () => {
    const budget = new Budget({ maxSpend: '10.00', window: 3600 });

    expect(budget.maxSpend.toString()).toBe('10');
    expect(budget.maxSpendUnits).toBe(10_000_000n);
    expect(budget).toMatchObject({ window: 3600, mode: 'HARD', onStoreError: 'FAIL_CLOSED', scale: 6 });
    expect(Object.isFrozen(budget)).toBe(true);
  });

  it('accepts every amount form', () => {
    expect(new Budget({ maxSpend: 5, window: null }).maxSpendUnits).toBe(5_000_000n);
    expect(new Budget({ maxSpend: 5n, window: null, scale: 0 }).maxSpendUnits).toBe(5n);
    expect(new Budget({ maxSpend: Decimal.from('0.25'), window: null, scale: 2 }).maxSpendUnits).toBe(25n);
    expect(new Budget({ maxSpend: '0', window: 1 }).maxSpendUnits).toBe(0n);
  });

  it.each<[string, Partial<BudgetOptions>]>([
    ['maxSpend', { maxSpend: '-1' }],
    ['maxSpend', { maxSpend: 'ten' }],
    ['maxSpend', { maxSpend: 0.5 }],
    ['maxSpend', { maxSpend: '0.001', scale: 2 }],
    ['window', { window: 0 }],
    ['window', { window: Number.NaN }],
    ['window', { window: undefined as unknown as null }],
    ['mode', { mode: 'LOUD' as 'HARD' }],
    ['onStoreError', { onStoreError: 'IGNORE' as 'FAIL_OPEN' }],
    ['scale', { scale: -1 }],
    ['scale', { scale: 19 }],
    ['scale', { scale: 2.5 }],
  ])('rejects invalid %s', (field, override) => {
    try {
      new Budget({ maxSpend: '10', window: 60, ...override });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidBudgetError);
      expect((error as InvalidBudgetError).field).toBe(field);
    }
  });

  describe('toUnits', () => {
    const budget = new Budget({ maxSpend: '10', window: 60, scale: 2 });

    it('converts exactly', () => {
      expect(budget.toUnits('0.05', 'amount').units).toBe(5n);
    });

    it('rejects negative amounts', () => {
      expect(() => budget.toUnits('-0.01', 'amount')).toThrow(InvalidAmountError);
    });

    it('rejects digits beyond the scale', () => {
      expect(() => budget.toUnits('0.001', 'amount')).toThrow(AmountPrecisionError);
    });
  });
});
