import {
  checkAppend,
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
    const tail = checkAppend(this.trail, this.tail, fresh);

    for (const { id, entry } of fresh) {
      this.entries.push(entry);
      this.#remember(id);
    }
    this.tail = tail;
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
