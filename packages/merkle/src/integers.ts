// Tree sizes and indices are JavaScript numbers, so they can exceed 2^32. Bitwise
// operators truncate to 32 bits, so the helpers below use division and remainder.

/** Right shift by one bit. */
export function half(value: number): number {
  return Math.floor(value / 2);
}

export function isOdd(value: number): boolean {
  return value % 2 === 1;
}

export function isPowerOfTwo(value: number): boolean {
  if (value < 1) {
    return false;
  }

  let rest = value;
  while (rest % 2 === 0) {
    rest /= 2;
  }
  return rest === 1;
}

/** Returns the largest power of two strictly less than `value` (the RFC 9162 split point k). Needs `value >= 2`. */
export function largestPowerOfTwoBelow(value: number): number {
  let power = 1;
  while (power * 2 < value) {
    power *= 2;
  }
  return power;
}

/** Counts the one bits of a non-negative safe integer, without 32-bit operators. */
export function countOneBits(value: number): number {
  let count = 0;
  for (let rest = value; rest > 0; rest = half(rest)) {
    if (isOdd(rest)) {
      count += 1;
    }
  }
  return count;
}
