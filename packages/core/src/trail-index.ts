import type { AuditEntry } from './entry.js';

/**
 * Returns the index of the first entry with ts >= `ts` in one trail's entries, held in
 * sequence order. A binary search, valid because ts never decreases within a trail.
 */
export function firstIndexAtOrAfter(entries: readonly AuditEntry[], ts: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle]!.ts < ts) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Returns the index of the entry with `sequence` in one trail's entries, clamped to the stored
 * range. Direct arithmetic, valid because the sequences of stored entries are contiguous.
 */
export function indexOfSequence(entries: readonly AuditEntry[], sequence: number): number {
  const first = entries[0]?.sequence ?? 0;
  return Math.min(Math.max(sequence - first, 0), entries.length);
}
