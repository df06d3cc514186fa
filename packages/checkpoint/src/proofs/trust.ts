import { toHex } from '@auditgate/merkle';

import type { Checkpoint } from '../checkpoint.js';
import { checkFrontier, checkSignature } from '../check-checkpoint.js';
import { ProofError } from '../errors.js';
import type { Keyring } from '../keys/keyring.js';
import type { ProofTree } from './proof-tree.js';

/**
 * Throws unless the checkpoint's signature is valid under the keyring. A proof only means
 * something against a root that a trusted key signed.
 *
 * @throws {ProofError} `CHECKPOINT_UNTRUSTED`.
 */
export function assertTrusted(checkpoint: Checkpoint, keyring: Keyring, role: string): void {
  const status = checkSignature(checkpoint, keyring);
  if (status === 'unknown_key') {
    throw new ProofError(
      'CHECKPOINT_UNTRUSTED',
      `the ${role} of trail ${checkpoint.trail} at tree size ${checkpoint.tree_size} is signed by key ${checkpoint.key_id}, which is not in the keyring; add its public key`,
    );
  }
  if (status === 'bad_signature') {
    throw new ProofError(
      'CHECKPOINT_UNTRUSTED',
      `the ${role} of trail ${checkpoint.trail} at tree size ${checkpoint.tree_size} has an invalid signature for key ${checkpoint.key_id}: it was changed after signing`,
    );
  }
}

/**
 * Throws when the checkpoint carries a frontier that does not fold to its signed root. The
 * frontier is unsigned, so it proves nothing, but a proof that carries a wrong one was changed
 * after it was built, and `verifyWithCheckpoints` reports the same checkpoint as
 * `frontier_mismatch`.
 *
 * @throws {ProofError} `FRONTIER_MISMATCH`.
 */
export function assertFrontierFolds(checkpoint: Checkpoint, role: string): void {
  if (checkFrontier(checkpoint) === 'mismatch') {
    throw new ProofError(
      'FRONTIER_MISMATCH',
      `the ${role} of trail ${checkpoint.trail} at tree size ${checkpoint.tree_size} has a frontier that does not fold to its signed root ` +
        `${checkpoint.root}: the unsigned frontier was changed after signing`,
    );
  }
}

/**
 * Throws unless the entries at hand give the checkpoint's root, so that no proof is built over
 * entries that differ from what was signed.
 *
 * @throws {ProofError} `PROOF_ENTRIES_MISSING` when fewer entries are at hand, `PROOF_SOURCE_MISMATCH` when the root differs.
 */
export function assertSourceMatches(tree: ProofTree, checkpoint: Checkpoint): void {
  if (tree.size < checkpoint.tree_size) {
    throw new ProofError(
      'PROOF_ENTRIES_MISSING',
      `the checkpoint of trail ${checkpoint.trail} covers ${checkpoint.tree_size} entries, but only ${tree.size} are at hand`,
    );
  }

  const root = toHex(tree.rootAt(checkpoint.tree_size));
  if (root !== checkpoint.root) {
    throw new ProofError(
      'PROOF_SOURCE_MISMATCH',
      `the entries at hand give root ${root} for the first ${checkpoint.tree_size} entries of trail ${checkpoint.trail}, ` +
        `but the checkpoint signed ${checkpoint.root}: the entries were changed after they were checkpointed`,
    );
  }
}
