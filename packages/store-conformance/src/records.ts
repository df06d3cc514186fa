import { randomUUID } from 'node:crypto';
import {
  hashEntry,
  SCHEMA_VERSION,
  type AppendRecord,
  type AuditEntry,
  type Integrity,
  type TrailTail,
} from '@auditgate/core';

/** Fields of a test entry that a caller may set; the rest get fixed test values. */
export type EntryFields = Partial<Omit<AuditEntry, 'trail' | 'sequence'>>;

/** Layout of a run of entries built by {@link buildRecords}. */
export interface BuildOptions {
  /** The tail the first entry builds on; null or absent starts the trail at sequence 0. */
  readonly after?: TrailTail | null;
  /** ts of the first entry; later entries add `tsStep`. Default: the tail's ts, or 1000. */
  readonly ts?: number;
  /** Seconds between consecutive entries. Default 1. */
  readonly tsStep?: number;
  /** NONE writes no hashes, HASH an entry_hash, CHAIN also prev_hash. Default CHAIN. */
  readonly integrity?: Integrity;
  /** Extra fields for the entry at index `i` of the run (0-based). */
  readonly fields?: (i: number) => EntryFields;
}

/**
 * Builds `count` entries of `trail` that continue the given tail the way the engine would:
 * contiguous sequences, non-decreasing ts, and hashes computed with core's `hashEntry`.
 * Each record gets a fresh random id.
 */
export function buildRecords(trail: string, count: number, options: BuildOptions = {}): AppendRecord[] {
  const integrity = options.integrity ?? 'CHAIN';
  const step = options.tsStep ?? 1;
  const records: AppendRecord[] = [];
  let sequence = options.after === undefined || options.after === null ? 0 : options.after.sequence + 1;
  let previousHash = options.after?.entryHash ?? null;
  let ts = options.ts ?? options.after?.ts ?? 1000;

  for (let i = 0; i < count; i++) {
    const entry = buildEntry(trail, sequence, {
      ts,
      prevHash: integrity === 'CHAIN' && sequence > 0 ? previousHash : null,
      ...options.fields?.(i),
    }, integrity);
    records.push({ id: randomUUID(), entry });
    previousHash = entry.entryHash;
    sequence++;
    ts += step;
  }
  return records;
}

/**
 * Builds one entry with fixed test values for every field not given. The entry hash covers the
 * final fields unless `fields.entryHash` sets it, and is null under integrity NONE.
 */
export function buildEntry(trail: string, sequence: number, fields: EntryFields = {}, integrity: Integrity = 'HASH'): AuditEntry {
  const ts = fields.ts ?? 1000;
  const hashed = {
    trail,
    ts,
    verdict: fields.verdict ?? 'ALLOW',
    severity: fields.severity ?? 'INFO',
    gateType: fields.gateType ?? 'actiongate',
    gateIdentity: fields.gateIdentity ?? 'billing:refund@user:42',
    reason: fields.reason === undefined ? null : fields.reason,
    detail: fields.detail ?? {},
    sequence,
    prevHash: fields.prevHash ?? null,
  };
  const entryHash = integrity === 'NONE' ? null : hashEntry(hashed);

  return {
    schemaVersion: fields.schemaVersion ?? SCHEMA_VERSION,
    ...hashed,
    wallTs: fields.wallTs ?? new Date(Math.floor(ts * 1000)).toISOString(),
    recordedBy: fields.recordedBy ?? 'conformance',
    entryHash: fields.entryHash === undefined ? entryHash : fields.entryHash,
  };
}

/** Returns the tail that the last of `records` leaves behind. */
export function tailOf(records: readonly AppendRecord[]): TrailTail {
  const last = records[records.length - 1];
  if (last === undefined) throw new RangeError('tailOf: expected at least one record');
  return { sequence: last.entry.sequence, entryHash: last.entry.entryHash, ts: last.entry.ts };
}

/** Returns the entries of `records`, in order. */
export function entriesOf(records: readonly AppendRecord[]): AuditEntry[] {
  return records.map((record) => record.entry);
}
