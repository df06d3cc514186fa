import { GateError } from '@auditgate/gate-kit';
import { describe, expect, it } from 'vitest';

import {
  AmountPrecisionError,
  BudgetGateError,
  CommitExceedsEstimateError,
  InvalidAmountError,
  InvalidBudgetError,
  InvalidIdentityError,
  ReservationSettledError,
  ReservationStoreError,
} from './errors.js';

describe('BudgetGateError', () => {
  it.each([
    ['InvalidIdentityError', new InvalidIdentityError('resource', '', 'Invalid ledger resource.'), 'INVALID_IDENTITY'],
    ['InvalidBudgetError', new InvalidBudgetError('window', 0, 'Invalid budget window.'), 'INVALID_BUDGET'],
    ['InvalidAmountError', new InvalidAmountError('estimate', -1, 'Invalid estimate.'), 'INVALID_AMOUNT'],
    ['AmountPrecisionError', new AmountPrecisionError('estimate', '0.0000001', 6), 'AMOUNT_TOO_PRECISE'],
    ['CommitExceedsEstimateError', new CommitExceedsEstimateError('2', '1'), 'COMMIT_EXCEEDS_ESTIMATE'],
    ['ReservationSettledError', new ReservationSettledError('commit', 'COMMITTED'), 'RESERVATION_SETTLED'],
    ['ReservationStoreError', new ReservationStoreError('release', new Error('down')), 'STORE_FAILED'],
  ])('%s extends both bases', (name, error, code) => {
    expect(error).toBeInstanceOf(BudgetGateError);
    expect(error).toBeInstanceOf(GateError);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
  });

  it('ReservationStoreError quotes the cause', () => {
    const cause = new Error('connection refused');
    const error = new ReservationStoreError('commit', cause);

    expect(error.message).toContain('Store failed to commit the reservation: connection refused.');
    expect(error.cause).toBe(cause);
  });

  it('ReservationStoreError stringifies a non-Error cause', () => {
    expect(new ReservationStoreError('release', 'timeout').message).toContain('release the reservation: timeout.');
  });
});
