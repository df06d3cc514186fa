import {
  checkAppend,
  firstIndexAtOrAfter,
  indexOfSequence,
  type AppendRecord,
  type AuditEntry,
  type TrailAnchor,
  type TrailTail,
} from '@auditgate/core';

/**
 * How many of a trail's most recent record ids the store remembers. A retry comes right after
 * the append it repeats, so only recent ids matter, and a fixed ring keeps memory flat.
 */
export const REMEMBERED_IDS = 4096;

/** One trail's entries in sequence order, with the recent record ids that make appends idempotent. */
export class TrailLog {
  entries: AuditEntry[] = [];
  tail: TrailTail | null = null;
  anchor: TrailAnchor | null = null;
  // The id of the entry at each recent sequence, in slot `sequence % REMEMBERED_IDS`.
  readonly #recentIds: Array<string | undefined> = new Array(REMEMBERED_IDS);

  constructor(readonly trail: string) {}

  /** Checks a whole batch against the tail first, so a bad batch changes nothing. */
  append(records: readonly AppendRecord[]): void {
    const fresh = this.#withoutStored(records);
    const tail = checkAppend(this.trail, this.tail, fresh);
    for (const { id, entry } of fresh) {
      this.entries.push(entry);
      this.#recentIds[entry.sequence % REMEMBERED_IDS] = id;
    }
    this.tail = tail;
  }

  // A retried record comes back with the sequence it was stored at, so it is stored exactly when
  // the entry at that sequence carries its id. A batch that starts past the tail contains none.
  #withoutStored(records: readonly AppendRecord[]): readonly AppendRecord[] {
    const tail = this.tail;
    const first = records[0]?.entry.sequence;
    if (tail === null || first === undefined || first > tail.sequence) return records;
    return records.filter(({ id, entry }) => {
      const behind = tail.sequence - entry.sequence;
      return !(behind >= 0 && behind < REMEMBERED_IDS && this.#recentIds[entry.sequence % REMEMBERED_IDS] === id);
    });
  }

  /** Index of the first entry with ts >= `ts`. */
  firstAtOrAfter(ts: number): number {
    return firstIndexAtOrAfter(this.entries, ts);
  }

  /** Index of the entry with `sequence`, clamped to the stored range. */
  indexOfSequence(sequence: number): number {
    return indexOfSequence(this.entries, sequence);
  }

  prune(before: number): number {
    const count = this.firstAtOrAfter(before);
    if (count === 0) return 0;

    const last = this.entries[count - 1]!;
    this.anchor = { sequence: last.sequence, entryHash: last.entryHash, ts: last.ts };
    this.entries = this.entries.slice(count);
    return count;
  }
}
