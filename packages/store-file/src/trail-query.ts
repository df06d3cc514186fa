import { compareEntries, matchesFilter, type AuditEntry, type CheckedFilter } from '@auditgate/core';
import type { TrailIndex } from './trail-index.js';

/**
 * Returns one trail's matching entries in sequence order. Starts at the first entry that `after`
 * and `fromSequence` allow, found by binary search, and stops at `before` or at the limit.
 */
export function queryTrail(index: TrailIndex, filter: CheckedFilter, offset: number, limit: number): AuditEntry[] {
  if (limit === 0) return [];

  const entries = index.entries;
  const start = Math.max(
    filter.after === undefined ? 0 : index.firstAtOrAfter(filter.after),
    filter.fromSequence === undefined ? 0 : index.indexOfSequence(filter.fromSequence),
  );
  const matches: AuditEntry[] = [];
  let skipped = 0;
  for (let i = start; i < entries.length; i++) {
    const entry = entries[i]!;
    if (filter.before !== undefined && entry.ts >= filter.before) break;
    if (!matchesFilter(entry, filter)) continue;
    if (skipped < offset) {
      skipped++;
      continue;
    }
    matches.push(entry);
    if (matches.length >= limit) break;
  }
  return matches;
}

/** Returns the matching entries of several trails, ordered by ts, then trail, then sequence. */
export function queryTrails(indexes: readonly TrailIndex[], filter: CheckedFilter, offset: number, limit: number): AuditEntry[] {
  const matches: AuditEntry[] = [];
  for (const index of indexes) {
    for (const entry of queryTrail(index, filter, 0, Infinity)) matches.push(entry);
  }
  return matches.sort(compareEntries).slice(offset, offset + limit);
}
