import { LosslessNumber } from '@auditgate/core';

/** Stand-in for a {@link LosslessNumber} in a {@link comparable} copy. */
export interface LosslessMark {
  readonly lossless: 'int' | 'float';
  readonly text: string;
}

/**
 * Returns a plain copy of a value in which every LosslessNumber becomes `{ lossless: kind, text }`.
 * Deep equality of two such copies then also compares each LosslessNumber's kind and text, and
 * fails when a store turns one into a plain number or back.
 */
export function comparable(value: unknown): unknown {
  if (value instanceof LosslessNumber) {
    const mark: LosslessMark = { lossless: value.kind, text: value.text };
    return mark;
  }
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value !== 'object' || value === null) return value;

  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = comparable((value as Record<string, unknown>)[key]);
    // Plain assignment of "__proto__" would set the prototype instead of adding a key.
    Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}
