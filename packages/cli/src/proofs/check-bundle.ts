import {
  MalformedCheckpointError,
  ProofError,
  parseCheckpoint,
  parseInclusionProof,
  verifyConsistencyProof,
  verifyInclusionProof,
  type Checkpoint,
  type Keyring,
} from '@auditgate/checkpoint';
import { formatLocation } from '@auditgate/core';
import { CheckFailedError, InputError } from '../errors.js';
import { INCLUSION_PROOF_TYPE, type UncheckedBundle } from './proof-bundle.js';
import type { LocatedCheckpoint } from './trusted-checkpoints.js';

/** Summary of a proof that checked out, for the report of `check-proof`. */
export type CheckedProof =
  | { readonly type: 'inclusion'; readonly trail: string; readonly sequence: number; readonly treeSize: number; readonly root: string; readonly keyId: string }
  | {
      readonly type: 'consistency';
      readonly trail: string;
      readonly size1: number;
      readonly size2: number;
      readonly olderRoot: string;
      readonly newerRoot: string;
      readonly keyIds: readonly string[];
    };

/**
 * Checks a saved proof: its hashes lead to the signed root, the signatures verify under the
 * keyring, each checkpoint's frontier folds to its root, and an inclusion proof is about the
 * wire entry it carries. With `published`, each of its checkpoints must also be among those
 * valid checkpoints, with the same root.
 *
 * @param name the proof file's name for messages.
 * @throws {CheckFailedError} with the `@auditgate/checkpoint` code of the first check that
 *   fails, or `CHECKPOINT_NOT_PUBLISHED` or `FORK` for the `published` check.
 * @throws {InputError} when a part of the bundle is not a well-formed proof or checkpoint, or
 *   the entry has keys that a wire entry does not have.
 */
export function checkBundle(bundle: UncheckedBundle, keyring: Keyring, published: readonly LocatedCheckpoint[] | null, name: string): CheckedProof {
  try {
    if (bundle.type === INCLUSION_PROOF_TYPE) {
      // The saved entry is always a wire entry: its own keys never choose how its leaf is hashed.
      verifyInclusionProof(bundle.proof, bundle.checkpoint, keyring, { wire: bundle.entry });
      const checkpoint = parseCheckpoint(bundle.checkpoint);
      if (published !== null) assertPublished(checkpoint, published);
      const { sequence } = parseInclusionProof(bundle.proof);
      return { type: 'inclusion', trail: checkpoint.trail, sequence, treeSize: checkpoint.tree_size, root: checkpoint.root, keyId: checkpoint.key_id };
    }

    verifyConsistencyProof(bundle.proof, bundle.older, bundle.newer, keyring);
    const older = parseCheckpoint(bundle.older);
    const newer = parseCheckpoint(bundle.newer);
    if (published !== null) {
      assertPublished(older, published);
      assertPublished(newer, published);
    }
    return {
      type: 'consistency',
      trail: older.trail,
      size1: older.tree_size,
      size2: newer.tree_size,
      olderRoot: older.root,
      newerRoot: newer.root,
      keyIds: [...new Set([older.key_id, newer.key_id])],
    };
  } catch (error) {
    if (error instanceof MalformedCheckpointError || (error instanceof ProofError && error.code === 'PROOF_MALFORMED')) {
      throw new InputError(`${name}: ${error.message}`, { cause: error });
    }
    if (error instanceof ProofError) throw new CheckFailedError(error.code, error.message, { cause: error });
    throw error;
  }
}

// A checkpoint that verifies but that the verifier's own copy of the checkpoints lacks was
// shown to this verifier only, so it is not accepted when a copy is given.
function assertPublished(checkpoint: Checkpoint, published: readonly LocatedCheckpoint[]): void {
  const sameSize = published.filter((located) => located.checkpoint.trail === checkpoint.trail && located.checkpoint.tree_size === checkpoint.tree_size);
  const conflicting = sameSize.find((located) => located.checkpoint.root !== checkpoint.root);
  if (conflicting !== undefined) {
    throw new CheckFailedError(
      'FORK',
      `the proof's checkpoint of trail ${checkpoint.trail} at tree size ${checkpoint.tree_size} signs root ${checkpoint.root}, but the checkpoint at ` +
        `${formatLocation(conflicting.location)} signs ${conflicting.checkpoint.root} for the same size: the trail was forked`,
    );
  }
  if (sameSize.length === 0) {
    throw new CheckFailedError(
      'CHECKPOINT_NOT_PUBLISHED',
      `the proof's checkpoint of trail ${checkpoint.trail} at tree size ${checkpoint.tree_size} (root ${checkpoint.root}) is validly signed, ` +
        'but it is not among the valid checkpoints of the --checkpoints files, so it may have been shown to you alone',
    );
  }
}
