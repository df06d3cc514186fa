import { ValidationError } from '@auditgate/core';
import { describe, expect, it } from 'vitest';
import { callLimitArgs, MAX_DURATION_SECONDS, reservationIdArg, spendArgs, units } from './gate-arguments.js';

describe('callLimitArgs', () => {
  it('converts seconds to whole microseconds', () => {
    expect(callLimitArgs({ maxCalls: 3, window: 1.5, cooldown: 0.25 })).toEqual(['3', '1500000', '250000']);
  });

  it('writes no window as an empty string', () => {
    expect(callLimitArgs({ maxCalls: 0, window: null, cooldown: 0 })).toEqual(['0', '', '0']);
  });

  it('rounds a tiny window up to 1 µs', () => {
    expect(callLimitArgs({ maxCalls: 1, window: 1e-9, cooldown: 0 })[1]).toBe('1');
  });

  it('accepts the longest duration', () => {
    expect(callLimitArgs({ maxCalls: 1, window: MAX_DURATION_SECONDS, cooldown: 0 })[1]).toBe('1000000000000000');
  });

  it('rejects a limits object that is missing', () => {
    expect(() => callLimitArgs(null as never)).toThrow(ValidationError);
  });
});

describe('spendArgs', () => {
  it('writes amounts as decimal strings', () => {
    const request = { amount: 2n ** 70n, maxSpend: 10n ** 30n, window: 60, scale: 18, holdFor: 0.5 };
    expect(spendArgs(request)).toEqual(['1180591620717411303424', '1000000000000000000000000000000', '60000000', '18', '500000']);
  });

  it('writes no window and no hold as empty strings', () => {
    expect(spendArgs({ amount: 0n, maxSpend: 0n, window: null, scale: 0, holdFor: null })).toEqual(['0', '0', '', '0', '']);
  });
});

describe('units and reservationIdArg', () => {
  it('rejects a number in place of a bigint', () => {
    expect(() => units(5 as unknown as bigint, 'actual')).toThrow(/actual: expected a bigint/);
  });

  it.each(['', 'r1', '1-', '-1', '1-2-3', '1 -2'])('rejects the id %j', (id) => {
    expect(() => reservationIdArg(id)).toThrow(ValidationError);
  });

  it('accepts an id the check script issues', () => {
    expect(reservationIdArg('1733338800123456-7')).toBe('1733338800123456-7');
  });
});
