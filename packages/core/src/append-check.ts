import type { AppendRecord, TrailTail } from './store.js';
import { StoreConflictError } from './store.js';

/**
 * Checks that `records` continue a trail's tail, as `Store.append` requires: each entry belongs
 * to `trail`, takes the next sequence, names the previous entry's hash when it has a prev_hash,
 * and has a ts no lower than the one before it. Stores call this before they change anything,
 * so that a rejected batch leaves no trace.
 *
 * @returns the tail after the records, or `tail` itself for an empty batch.
 * @throws {StoreConflictError} naming the first entry that does not continue the tail.
 */
export function checkAppend(trail: string, tail: TrailTail | null, records: readonly AppendRecord[]): TrailTail | null {
  let expected = tail === null ? 0 : tail.sequence + 1;
  let previousHash = tail?.entryHash ?? null;
  let previousTs = tail?.ts ?? -Infinity;

  for (const { entry } of records) {
    if (entry.trail !== trail) {
      throw new StoreConflictError(trail, `entries of ${trail}`, `an entry of ${entry.trail}`);
    }
    if (entry.sequence !== expected) {
      throw new StoreConflictError(trail, `sequence ${entry.sequence}`, `next sequence ${expected}`);
    }
    if (entry.prevHash !== null && entry.prevHash !== previousHash) {
      throw new StoreConflictError(trail, `prev_hash ${entry.prevHash}`, `tail hash ${String(previousHash)}`);
    }
    if (entry.ts < previousTs) {
      throw new StoreConflictError(trail, `ts ${entry.ts}`, `tail ts ${previousTs}`);
    }
    expected++;
    previousHash = entry.entryHash;
    previousTs = entry.ts;
  }

  const last = records[records.length - 1]?.entry;
  return last === undefined ? tail : { sequence: last.sequence, entryHash: last.entryHash, ts: last.ts };
}
