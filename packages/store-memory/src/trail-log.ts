import {
  StoreConflictError,
  type AppendRecord,
  type AuditEntry,
  type TrailAnchor,
  type TrailTail,
} from '@auditgate/core';

/**
 * How many of a trail's most recent record ids the store remembers. A retry comes right after
 * the append it repeats, so only recent ids matter, and a bounded set keeps memory flat.
 */
export const REMEMBERED_IDS = 4096;

/** One trail's entries in sequence order, with the recent record ids that make appends idempotent. */
export class TrailLog {
  entries: AuditEntry[] = [];
  readonly knownIds = new Set<string>();
  readonly #idOrder: string[] = [];
  tail: TrailTail | null = null;
  anchor: TrailAnchor | null = null;

  constructor(readonly trail: string) {}

  /** Checks a whole batch against the tail first, so a bad batch changes nothing. */
  append(records: readonly AppendRecord[]): void {
    const fresh = records.filter((record) => !this.knownIds.has(record.id));
    let expected = this.tail === null ? 0 : this.tail.sequence + 1;
    let previousHash = this.tail?.entryHash ?? null;
    let previousTs = this.tail?.ts ?? -Infinity;

    for (const { entry } of fresh) {
      if (entry.trail !== this.trail) {
        throw new StoreConflictError(this.trail, `entries of ${this.trail}`, `an entry of ${entry.trail}`);
      }
      if (entry.sequence !== expected) {
        throw new StoreConflictError(this.trail, `sequence ${entry.sequence}`, `next sequence ${expected}`);
      }
      if (entry.prevHash !== null && entry.prevHash !== previousHash) {
        throw new StoreConflictError(this.trail, `prev_hash ${entry.prevHash}`, `tail hash ${String(previousHash)}`);
      }
      if (entry.ts < previousTs) {
        throw new StoreConflictError(this.trail, `ts ${entry.ts}`, `tail ts ${previousTs}`);
      }
      expected++;
      previousHash = entry.entryHash;
      previousTs = entry.ts;
    }

    for (const { id, entry } of fresh) {
      this.entries.push(entry);
      this.#remember(id);
    }
    const last = fresh[fresh.length - 1]?.entry;
    if (last !== undefined) this.tail = { sequence: last.sequence, entryHash: last.entryHash, ts: last.ts };
  }

  /** Index of the first entry with ts >= `ts`; entries are ordered by ts because ts never decreases. */
  firstAtOrAfter(ts: number): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.entries[middle]!.ts < ts) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Index of the entry with `sequence`, clamped to the stored range; sequences are contiguous. */
  indexOfSequence(sequence: number): number {
    const first = this.entries[0]?.sequence ?? 0;
    return Math.min(Math.max(sequence - first, 0), this.entries.length);
  }

  prune(before: number): number {
    const count = this.firstAtOrAfter(before);
    if (count === 0) return 0;

    const last = this.entries[count - 1]!;
    this.anchor = { sequence: last.sequence, entryHash: last.entryHash, ts: last.ts };
    this.entries = this.entries.slice(count);
    return count;
  }

  #remember(id: string): void {
    this.knownIds.add(id);
    this.#idOrder.push(id);
    if (this.#idOrder.length > REMEMBERED_IDS * 2) {
      for (const old of this.#idOrder.splice(0, REMEMBERED_IDS)) this.knownIds.delete(old);
    }
  }
}
