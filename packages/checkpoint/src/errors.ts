import { AuditgateError } from '@auditgate/core';

/**
 * Base class of every error this package throws on purpose. It is an `AuditgateError`, so
 * `code` is stable for programs and `message` is for people. No message contains key material.
 */
export class CheckpointError extends AuditgateError {}

/** Codes of {@link KeyFileError}. */
export type KeyFileErrorCode = 'KEY_NOT_FOUND' | 'KEY_INVALID' | 'KEY_INSECURE_PERMISSIONS' | 'KEY_EXISTS';

/**
 * A key file that is missing, unreadable, not an Ed25519 key of the expected kind, readable by
 * other users, or already present when a new key pair is written. The message names the file,
 * never its contents.
 */
export class KeyFileError extends CheckpointError {
  /** The key file involved. */
  readonly path: string;

  constructor(code: KeyFileErrorCode, path: string, message: string) {
    super(code, message);
    this.path = path;
  }
}

/** A value that is not a well-formed checkpoint. `field` names the first bad field. */
export class MalformedCheckpointError extends CheckpointError {
  readonly field: string;

  constructor(field: string, message: string) {
    super('CHECKPOINT_MALFORMED', `checkpoint field ${field}: ${message}`);
    this.field = field;
  }
}

/** A proof was requested for an entry that the checkpoint's tree does not contain. */
export class EntryNotCoveredError extends CheckpointError {
  readonly trail: string;
  readonly sequence: number;
  readonly treeSize: number;

  constructor(trail: string, sequence: number, treeSize: number) {
    super(
      'ENTRY_NOT_COVERED',
      `entry ${sequence} of trail ${trail} is not covered by the checkpoint, which covers entries ` +
        `0 to ${treeSize - 1} (tree size ${treeSize}). Use a checkpoint with a tree size above ${sequence}.`,
    );
    this.trail = trail;
    this.sequence = sequence;
    this.treeSize = treeSize;
  }
}

/** Codes of {@link ProofError}. */
export type ProofErrorCode =
  | 'PROOF_ENTRIES_MISSING'
  | 'PROOF_SOURCE_MISMATCH'
  | 'PROOF_TRAIL_MISMATCH'
  | 'PROOF_SIZE_MISMATCH'
  | 'PROOF_LEAF_MISMATCH'
  | 'PROOF_INVALID'
  | 'CHECKPOINTS_INCONSISTENT'
  | 'PROOF_MALFORMED'
  | 'CHECKPOINT_UNTRUSTED'
  | 'FRONTIER_MISMATCH';

/**
 * A proof that cannot be built from the entries at hand, or that does not verify. Building
 * fails when entries are missing or differ from what the checkpoint signed. Verification fails
 * when the proof does not fit its checkpoints or its entry, when a checkpoint's signature is not
 * valid under the keyring, or when a checkpoint's frontier does not fold to its root.
 */
export class ProofError extends CheckpointError {
  constructor(code: ProofErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Codes of {@link CheckpointStateError}. */
export type CheckpointStateErrorCode = 'CHECKPOINT_RESUME_PRUNED' | 'CHECKPOINT_STORE_DIVERGED' | 'CHECKPOINT_SIZE_INVALID';

/**
 * A checkpointer that cannot build the tree it would have to sign. `CHECKPOINT_RESUME_PRUNED`:
 * the store lacks entries that neither a stored frontier nor the store itself can supply.
 * `CHECKPOINT_STORE_DIVERGED`: the store's entries no longer produce the root of a checkpoint
 * already signed, so signing more would fork the trail. `CHECKPOINT_SIZE_INVALID`: a requested
 * tree size is beyond the trail's entries or below what can be rebuilt.
 */
export class CheckpointStateError extends CheckpointError {
  readonly trail: string;

  constructor(code: CheckpointStateErrorCode, trail: string, message: string) {
    super(code, message);
    this.trail = trail;
  }
}

/** A sink failed to store a checkpoint. `cause` is the sink's own error. */
export class SinkError extends CheckpointError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CHECKPOINT_SINK_FAILED', message, options);
  }
}

/** A prune whose outcome does not match the prune checkpoint signed for it. */
export class PruneError extends CheckpointError {
  readonly trail: string;

  constructor(trail: string, message: string) {
    super('PRUNE_MISMATCH', message);
    this.trail = trail;
  }
}
