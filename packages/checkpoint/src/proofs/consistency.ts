import { MerkleError, fromHex, toHex, verifyConsistency } from '@auditgate/merkle';

import type { Checkpoint } from '../checkpoint.js';
import { ProofError } from '../errors.js';
import type { Keyring } from '../keys/keyring.js';
import { parseCheckpoint } from '../parse-checkpoint.js';
import type { ProofOptions } from './inclusion.js';
import { parseConsistencyProof } from './parse-proof.js';
import type { CheckpointConsistencyProof } from './proof-json.js';
import { buildProofTree, type ProofSource } from './proof-source.js';
import { assertFrontierFolds, assertSourceMatches, assertTrusted } from './trust.js';

/**
 * Builds the proof that `newer` extends `older`, two checkpoints of one trail. When `older` has
 * a frontier, only the entries after it are read from the source.
 *
 * @throws {ProofError} `PROOF_TRAIL_MISMATCH` for checkpoints of different trails,
 *   `PROOF_SIZE_MISMATCH` when `older` is the larger one, `CHECKPOINTS_INCONSISTENT` when the
 *   two sign different histories, and `PROOF_ENTRIES_MISSING` or `PROOF_SOURCE_MISMATCH` when
 *   the entries at hand cannot give the newer root.
 * @throws {MalformedCheckpointError} when a checkpoint is not well formed.
 */
export async function consistencyProof(
  source: ProofSource,
  older: Checkpoint,
  newer: Checkpoint,
  options: ProofOptions = {},
): Promise<CheckpointConsistencyProof> {
  const first = parseCheckpoint(older);
  const second = parseCheckpoint(newer);
  if (first.trail !== second.trail) {
    throw new ProofError('PROOF_TRAIL_MISMATCH', `the checkpoints belong to different trails, ${first.trail} and ${second.trail}`);
  }
  if (first.tree_size > second.tree_size) {
    throw new ProofError('PROOF_SIZE_MISMATCH', `the older checkpoint has tree size ${first.tree_size}, above the newer one's ${second.tree_size}; swap them`);
  }

  const result = { trail: first.trail, size1: first.tree_size, size2: second.tree_size };
  if (first.tree_size === second.tree_size) {
    if (first.root !== second.root) {
      throw inconsistent(first, second);
    }
    return { ...result, hashes: [] };
  }

  const tree = await buildProofTree(source, {
    trail: first.trail,
    until: second.tree_size,
    maxBaseSize: first.tree_size,
    bases: [first, ...(options.checkpoints ?? [])],
    pageSize: options.pageSize,
  });
  assertSourceMatches(tree, second);
  if (toHex(tree.rootAt(first.tree_size)) !== first.root) {
    throw inconsistent(first, second);
  }

  const proof = tree.consistencyProof(first.tree_size, second.tree_size);
  return { ...result, hashes: proof.hashes.map(toHex) };
}

/**
 * Verifies a consistency proof between two checkpoints that keys of `keyring` signed. Returns
 * nothing on success.
 *
 * @throws {ProofError} `PROOF_MALFORMED`, `CHECKPOINT_UNTRUSTED`, `FRONTIER_MISMATCH` (a
 *   checkpoint's frontier does not fold to its root), `PROOF_TRAIL_MISMATCH`,
 *   `PROOF_SIZE_MISMATCH`, or `PROOF_INVALID` when the newer checkpoint does not extend the older.
 * @throws {MalformedCheckpointError} when a checkpoint is not well formed.
 */
export function verifyConsistencyProof(proof: unknown, older: unknown, newer: unknown, keyring: Keyring): void {
  const parsed = parseConsistencyProof(proof);
  const first = parseCheckpoint(older);
  const second = parseCheckpoint(newer);
  assertTrusted(first, keyring, 'older checkpoint');
  assertTrusted(second, keyring, 'newer checkpoint');
  assertFrontierFolds(first, 'older checkpoint');
  assertFrontierFolds(second, 'newer checkpoint');

  if (parsed.trail !== first.trail || parsed.trail !== second.trail) {
    throw new ProofError('PROOF_TRAIL_MISMATCH', `the proof is about trail ${parsed.trail}, the checkpoints about ${first.trail} and ${second.trail}`);
  }
  if (parsed.size1 !== first.tree_size || parsed.size2 !== second.tree_size) {
    throw new ProofError(
      'PROOF_SIZE_MISMATCH',
      `the proof goes from tree size ${parsed.size1} to ${parsed.size2}, the checkpoints have sizes ${first.tree_size} and ${second.tree_size}`,
    );
  }

  try {
    verifyConsistency({ size1: parsed.size1, size2: parsed.size2, hashes: parsed.hashes.map(fromHex) }, fromHex(first.root), fromHex(second.root));
  } catch (error) {
    if (error instanceof MerkleError) {
      throw new ProofError(
        'PROOF_INVALID',
        `the checkpoint of trail ${parsed.trail} at tree size ${parsed.size2} does not extend the one at ${parsed.size1}: ${error.message}`,
        { cause: error },
      );
    }
    throw error;
  }
}

function inconsistent(older: Checkpoint, newer: Checkpoint): ProofError {
  return new ProofError(
    'CHECKPOINTS_INCONSISTENT',
    `the checkpoints of trail ${older.trail} at tree sizes ${older.tree_size} (root ${older.root}) and ${newer.tree_size} ` +
      `(root ${newer.root}) sign different histories, so no consistency proof exists: the trail was forked`,
  );
}
