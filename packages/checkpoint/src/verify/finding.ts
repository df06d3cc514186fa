import type { EntryLocation } from '@auditgate/core';

/**
 * Kind of problem that checkpoint-aware verification reports. Every kind is a failure: a log with any finding
 * is not verified. The kinds differ from those of the hash-chain verifier in `@auditgate/core`,
 * so the findings of both can be merged into one report.
 */
export type CheckpointFindingKind =
  /** Entries that no valid checkpoint covers, such as entries appended after the last checkpoint. */
  | 'unanchored'
  /** The entries up to a checkpoint's tree size do not give its signed root. */
  | 'root_mismatch'
  /** A checkpoint covers more entries than are present, or entries are absent at the start or in between. */
  | 'missing_entries'
  /** A trail has valid checkpoints but no entries at all. */
  | 'missing_trail'
  /** A checkpoint's signature does not verify under its key. */
  | 'bad_signature'
  /** A checkpoint is signed by a key that is not in the keyring. */
  | 'unknown_key'
  /** Two valid checkpoints of one trail sign histories that cannot both be true. */
  | 'fork'
  /** The checkpoints end below a tree size that a previously seen checkpoint reached. */
  | 'checkpoint_regression'
  /** A checkpoint line that is not JSON or not a well-formed checkpoint. */
  | 'malformed_checkpoint'
  /** A checkpoint's unsigned frontier does not fold to its signed root; the checkpoint itself stays valid. */
  | 'frontier_mismatch';

/** Every checkpoint finding kind, in the order the documentation lists them. */
export const CHECKPOINT_FINDING_KINDS: readonly CheckpointFindingKind[] = Object.freeze([
  'unanchored',
  'root_mismatch',
  'missing_entries',
  'missing_trail',
  'bad_signature',
  'unknown_key',
  'fork',
  'checkpoint_regression',
  'malformed_checkpoint',
  'frontier_mismatch',
]);

/** One problem found by checkpoint-aware verification. */
export interface CheckpointFinding {
  readonly kind: CheckpointFindingKind;
  /** The trail involved, or null when it could not be read. */
  readonly trail: string | null;
  /** The first entry sequence (tree position) the finding is about, or null for findings about checkpoints alone. */
  readonly sequence: number | null;
  /** Location of the entry or checkpoint concerned. */
  readonly location: EntryLocation | null;
  /** Description of the problem, in a sentence that names the values involved. */
  readonly message: string;
  /** Tree size of the checkpoint concerned, when there is one. */
  readonly treeSize?: number;
  /** Key id of the checkpoint concerned, for `bad_signature` and `unknown_key`. */
  readonly keyId?: string;
}
