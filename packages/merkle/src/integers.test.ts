import { describe, expect, it } from 'vitest';

import { countOneBits, half, isOdd, isPowerOfTwo, largestPowerOfTwoBelow } from './integers.js';

const LARGE_ODD = 2 ** 52 + 3;

describe('integer helpers above 32 bits', () => {
  it('half shifts right', () => {
    expect(half(7)).toBe(3);
    expect(half(2 ** 40 + 1)).toBe(2 ** 39);
    expect(half(LARGE_ODD)).toBe(2 ** 51 + 1);
  });

  it('isOdd reads the low bit', () => {
    expect(isOdd(LARGE_ODD)).toBe(true);
    expect(isOdd(2 ** 40)).toBe(false);
    expect(isOdd(0)).toBe(false);
  });

  it('isPowerOfTwo', () => {
    expect([0, 1, 2, 3, 6, 8, 2 ** 40, 2 ** 40 + 2].map(isPowerOfTwo)).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
      true,
      false,
    ]);
  });

  it('largestPowerOfTwoBelow is strictly below', () => {
    expect(largestPowerOfTwoBelow(2)).toBe(1);
    expect(largestPowerOfTwoBelow(3)).toBe(2);
    expect(largestPowerOfTwoBelow(8)).toBe(4);
    expect(largestPowerOfTwoBelow(9)).toBe(8);
    expect(largestPowerOfTwoBelow(LARGE_ODD)).toBe(2 ** 52);
    expect(largestPowerOfTwoBelow(2 ** 52)).toBe(2 ** 51);
  });

  it('countOneBits counts above 32 bits', () => {
    expect(countOneBits(0)).toBe(0);
    expect(countOneBits(6)).toBe(2);
    expect(countOneBits(2 ** 40 + 2 ** 33 + 1)).toBe(3);
    expect(countOneBits(Number.MAX_SAFE_INTEGER)).toBe(53);
  });
});
