import {
  checkAppend,
  firstIndexAtOrAfter,
  indexOfSequence,
  type AppendRecord,
  type AuditEntry,
  type TrailAnchor,
  type TrailTail,
} from '@auditgate/core';

/** A record id and the sequence of the entry it wrote. */
export type IdPair = readonly [sequence: number, id: string];

/**
 * In-memory index of one trail: its entries in sequence order with the byte offset of each
 * one's line, its tail and anchor, the sizes of its two files, and the ids of its most recent
 * records.
 */
export class TrailIndex {
  entries: AuditEntry[] = [];
  /** Byte offset in the entries file where each entry's line starts. */
  offsets: number[] = [];
  /** Size of the entries file, which ends with a complete line. */
  entryBytes = 0;
  /** Size of the meta file. */
  metaBytes = 0;
  /** Id pairs in the meta file, counted to know when to rewrite it smaller. */
  metaIdCount = 0;
  /** Whether the entries file exists. */
  fileExists = false;
  tail: TrailTail | null = null;
  anchor: TrailAnchor | null = null;
  /** Record id to sequence, oldest first, at most `maxIds` of them. */
  readonly ids = new Map<string, number>();

  constructor(
    readonly trail: string,
    readonly maxIds: number,
  ) {}

  /**
   * Returns the records whose ids are not stored yet, after checking that they continue the
   * tail. Changes nothing, so a rejected batch leaves no trace.
   *
   * @throws {StoreConflictError} on an entry of another trail, a wrong sequence or prev_hash, or
   *   a ts below the one before it.
   */
  freshRecords(records: readonly AppendRecord[]): AppendRecord[] {
    const fresh = records.filter((record) => !this.ids.has(record.id));
    checkAppend(this.trail, this.tail, fresh);
    return fresh;
  }

  /** Adds entries whose lines now end the entries file; `lineBytes` gives each line's size. */
  addEntries(entries: readonly AuditEntry[], lineBytes: readonly number[]): void {
    let offset = this.entryBytes;
    for (let i = 0; i < entries.length; i++) {
      this.entries.push(entries[i]!);
      this.offsets.push(offset);
      offset += lineBytes[i]!;
    }
    this.entryBytes = offset;
    this.fileExists = true;

    const last = entries[entries.length - 1];
    if (last !== undefined) this.tail = { sequence: last.sequence, entryHash: last.entryHash, ts: last.ts };
  }

  /** Remembers record ids, forgetting the oldest beyond `maxIds`. */
  rememberIds(pairs: readonly IdPair[]): void {
    for (const [sequence, id] of pairs) {
      this.ids.delete(id);
      this.ids.set(id, sequence);
    }
    for (const id of this.ids.keys()) {
      if (this.ids.size <= this.maxIds) break;
      this.ids.delete(id);
    }
  }

  /** Returns the remembered ids as pairs, oldest first. */
  idPairs(): IdPair[] {
    return [...this.ids].map(([id, sequence]) => [sequence, id] as const);
  }

  /** Index of the first entry with ts >= `ts`. */
  firstAtOrAfter(ts: number): number {
    return firstIndexAtOrAfter(this.entries, ts);
  }

  /** Index of the entry with `sequence`, clamped to the stored range. */
  indexOfSequence(sequence: number): number {
    return indexOfSequence(this.entries, sequence);
  }

  /**
   * Drops the first `count` entries after the entries file was rewritten without them, and the
   * ids of those entries.
   */
  dropPruned(count: number, anchor: TrailAnchor): void {
    const removedBytes = this.offsets[count] ?? this.entryBytes;
    this.entries = this.entries.slice(count);
    this.offsets = this.offsets.slice(count).map((offset) => offset - removedBytes);
    this.entryBytes -= removedBytes;
    this.anchor = anchor;
    for (const [id, sequence] of this.ids) {
      if (sequence <= anchor.sequence) this.ids.delete(id);
    }
  }
}
