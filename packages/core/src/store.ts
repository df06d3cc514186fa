import type { AuditEntry } from './entry.js';
import type { Severity, Verdict } from './enums.js';
import { AuditgateError } from './errors.js';

/** The last entry a store holds for a trail, which the next entry builds on. */
export interface TrailTail {
  readonly sequence: number;
  readonly entryHash: string | null;
  readonly ts: number;
}

/**
 * The last entry that retention pruning removed from a trail. The first remaining entry's
 * prev_hash and sequence continue from it, so a verifier that trusts the anchor can check the
 * rest of the trail.
 */
export interface TrailAnchor {
  readonly sequence: number;
  readonly entryHash: string | null;
  readonly ts: number;
}

/** An entry on its way into a store, with an id that makes a retried append idempotent. */
export interface AppendRecord {
  /** Unique per entry; a store that already holds this id skips the entry. */
  readonly id: string;
  readonly entry: AuditEntry;
}

/** Which entries a query returns. Every field is optional; they combine with AND. */
export interface QueryFilter {
  /** One trail's string form. */
  readonly trail?: string;
  /** One verdict, or any of several. */
  readonly verdict?: Verdict | readonly Verdict[];
  /** Only entries at this severity or above. */
  readonly minSeverity?: Severity;
  /** Only entries with ts >= after (seconds since the epoch). */
  readonly after?: number;
  /** Only entries with ts < before (seconds since the epoch). */
  readonly before?: number;
  readonly gateType?: string;
  /** Only entries with sequence >= fromSequence; meaningful together with `trail`. */
  readonly fromSequence?: number;
  /** Skip this many matching entries first. */
  readonly offset?: number;
  /** Return at most this many entries. */
  readonly limit?: number;
}

/**
 * Where trails live. Every method may be called concurrently. A store keeps each trail's
 * entries in sequence order, and the entries of one trail never decrease in ts.
 *
 * A conforming store passes the suite in `@auditgate/store-conformance`.
 */
export interface Store {
  /** Returns the newest entry's position, even when retention has pruned every entry; null for an unknown trail. */
  tail(trail: string): Promise<TrailTail | null>;

  /**
   * Appends entries to the end of one trail, all or nothing. The first entry's sequence must be
   * the tail's plus one (0 for a new trail), later entries must follow without gaps, and an
   * entry with a prev_hash must name the hash of the entry before it.
   *
   * @throws {StoreConflictError} when the trail's tail is not the one the entries build on, so
   *   that the writer can reload the tail and try again. Records whose ids the store already
   *   holds are skipped, so retrying an append whose reply was lost writes nothing twice.
   */
  append(trail: string, records: readonly AppendRecord[]): Promise<void>;

  /**
   * Returns matching entries. Within one trail they come in sequence order; across trails, by
   * ts, then trail, then sequence.
   */
  query(filter?: QueryFilter): Promise<AuditEntry[]>;

  /** Counts matching entries, ignoring offset and limit. */
  count(filter?: QueryFilter): Promise<number>;

  /** Removes a trail's entries with ts < before, keeps its tail, and returns how many went. */
  prune(trail: string, before: number): Promise<number>;

  /** Returns the last entry that pruning removed from the trail, or null when none was. */
  anchor(trail: string): Promise<TrailAnchor | null>;

  /** Forgets one trail, or every trail, with its tail and anchor: the next entry starts at 0. */
  clear(trail?: string): Promise<void>;

  /** Returns the string form of every trail that has a tail. */
  trails(): Promise<string[]>;

  close(): Promise<void>;

  /**
   * Optional synchronous `append`, for stores that need no I/O. When a trail has nothing
   * queued, the engine calls it instead of `append`, which saves a queue round trip per entry.
   */
  appendSync?(trail: string, records: readonly AppendRecord[]): void;

  /** Optional synchronous `tail`, used together with `appendSync`. */
  tailSync?(trail: string): TrailTail | null;
}

/** Thrown by `Store.append` when the trail's tail has moved since the writer read it. */
export class StoreConflictError extends AuditgateError {
  constructor(trail: string, expected: string, actual: string) {
    super('STORE_CONFLICT', `append to ${trail} conflicts with the stored tail: expected ${expected}, found ${actual}`);
  }
}
