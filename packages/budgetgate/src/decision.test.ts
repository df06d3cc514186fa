import { describe, expect, it } from 'vitest';

import { Budget } from './budget.js';
import { Decimal } from './decimal.js';
import { Decision } from './decision.js';
import { Ledger } from './ledger.js';

const ledger = new Ledger('openai', 'gpt-4o', 'team:eng');
const budget = new Budget({ maxSpend: '10.00', window: 3600 });
const DECIMAL_PATTERN = /^-?[0-9]+(\.[0-9]+)?$/;

describe('Decision', () => {
  it('serializes exactly the schema 0.2.2 keys', () => {
    const decision = new Decision({
      status: 'ALLOW',
      ledger,
      budget,
      reason: null,
      message: null,
      spentInWindow: Decimal.from('2.50'),
      requested: Decimal.from('0.50'),
    });

    const wire = decision.toWire();

    expect(wire).toStrictEqual({
      schema_version: '0.2.2',
      status: 'ALLOW',
      ledger: 'openai:gpt-4o@team:eng',
      reason: null,
      message: null,
      spent_in_window: '2.5',
      requested: '0.5',
      remaining: '7.5',
    });
    for (const key of ['spent_in_window', 'requested', 'remaining'] as const) {
      expect(wire[key]).toMatch(DECIMAL_PATTERN);
    }
  });

  it('clamps remaining at zero', () => {
    const decision = new Decision({
      status: 'BLOCK',
      ledger,
      budget,
      reason: 'BUDGET_EXCEEDED',
      message: 'over',
      spentInWindow: Decimal.from('12'),
      requested: Decimal.from('1'),
    });

    expect(decision.remaining.toString()).toBe('0');
    expect(decision.blocked).toBe(true);
  });

  it('reports zero remaining on a store error', () => {
    const decision = new Decision({
      status: 'ALLOW',
      ledger,
      budget,
      reason: 'STORE_ERROR',
      message: 'down',
      spentInWindow: Decimal.ZERO,
      requested: Decimal.from('1'),
    });

    expect(decision.toWire().remaining).toBe('0');
  });
});
