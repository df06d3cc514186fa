/**
 * The kinds of problem a verifier reports. Every kind is a failure, so a log with any finding is
 * invalid.
 */
export type FindingKind =
  /** An entry's entry_hash differs from the SHA-256 of its hashed fields. */
  | 'hash_mismatch'
  /** An entry's prev_hash is not the entry_hash of the entry before it (or of the trail's anchor). */
  | 'chain_break'
  /** Sequence numbers are missing between two entries of a trail. */
  | 'sequence_gap'
  /** An entry arrives with a sequence at or below one already seen in its trail. */
  | 'duplicate_sequence'
  /** A trail does not start at sequence 0 without a prev_hash, or not right after its anchor. */
  | 'bad_start'
  /** A trail that carried hashes (or a chain) continues with entries that carry none. */
  | 'integrity_downgrade'
  /** An entry's ts is lower than the ts of the entry before it in the trail. */
  | 'ts_regression'
  /** A value that is not a well-formed entry: not an object, or a field is missing or mistyped. */
  | 'malformed'
  /** A log, or one source of it, contains no entries at all. */
  | 'empty';

/** Every finding kind. */
export const FINDING_KINDS: readonly FindingKind[] = Object.freeze([
  'hash_mismatch',
  'chain_break',
  'sequence_gap',
  'duplicate_sequence',
  'bad_start',
  'integrity_downgrade',
  'ts_regression',
  'malformed',
  'empty',
]);

/**
 * The source position of an entry, for messages. `line` is 1-based. `index` is the 0-based
 * position in the input when there is no line, such as for entries given to `verifyEntries`.
 */
export interface EntryLocation {
  readonly file?: string;
  readonly line?: number;
  readonly index?: number;
}

/** One problem in a log. */
export interface Finding {
  readonly kind: FindingKind;
  /** The entry's trail, or null when it could not be read (or for `empty`). */
  readonly trail: string | null;
  /** The entry's sequence, or null when it could not be read (or for `empty`). */
  readonly sequence: number | null;
  readonly location: EntryLocation | null;
  /** A sentence that names the problem and the values involved. */
  readonly message: string;
  /** The hash the verifier expected, for `hash_mismatch` and `chain_break`. */
  readonly expected?: string | null;
  /** The hash the entry carries, for `hash_mismatch` and `chain_break`. */
  readonly actual?: string | null;
  /** The missing or mistyped field, for `malformed`. */
  readonly field?: string;
}

/**
 * Formats a location the way compilers do: `file:line`, `file#index`, or `entry #index` when
 * there is no file.
 */
export function formatLocation(location: EntryLocation | null | undefined): string {
  if (location === null || location === undefined) return '(no location)';
  const file = location.file ?? 'entry';
  if (location.line !== undefined) return `${file}:${location.line}`;
  if (location.index !== undefined) return location.file === undefined ? `entry #${location.index}` : `${file}#${location.index}`;
  return file;
}
