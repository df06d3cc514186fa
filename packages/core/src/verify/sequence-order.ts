import { LosslessNumber } from '../json/lossless-number.js';

/**
 * Returns the indices of `values` sorted by each value's `sequence` field, stable, with values
 * that have no numeric sequence last. Only the order within a trail matters to a verifier, so
 * trails are not separated.
 */
export function orderBySequence(values: readonly unknown[]): number[] {
  const keys = values.map(sequenceKey);
  return keys.map((_key, index) => index).sort((a, b) => keys[a]! - keys[b]! || a - b);
}

function sequenceKey(value: unknown): number {
  if (typeof value !== 'object' || value === null) return Infinity;
  const sequence = (value as Record<string, unknown>).sequence;
  const numeric = sequence instanceof LosslessNumber ? sequence.valueOf() : sequence;
  return typeof numeric === 'number' && !Number.isNaN(numeric) ? numeric : Infinity;
}
