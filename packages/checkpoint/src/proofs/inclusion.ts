import { Trail, ValidationError } from '@auditgate/core';
import { MerkleError, fromHex, toHex, verifyInclusion } from '@auditgate/merkle';

import type { Checkpoint } from '../checkpoint.js';
import { EntryNotCoveredError, ProofError } from '../errors.js';
import type { Keyring } from '../keys/keyring.js';
import { parseCheckpoint } from '../parse-checkpoint.js';
import { parseInclusionProof } from './parse-proof.js';
import type { EntryInclusionProof } from './proof-json.js';
import { assertProofIsAbout, type InclusionSubject } from './proof-subject.js';
import { buildProofTree, type ProofSource } from './proof-source.js';
import { assertFrontierFolds, assertSourceMatches, assertTrusted } from './trust.js';

/** Options of proof building: frontiers for pruned trails, and the page size of store reads. */
export interface ProofOptions {
  /**
   * Checkpoints whose frontiers may replace removed entries: pass the trail's checkpoints,
   * including its prune checkpoint, when the trail was pruned.
   */
  readonly checkpoints?: Iterable<Checkpoint>;
  /** Entries per store query. Default 1000. */
  readonly pageSize?: number;
}

/**
 * Builds the proof that entry `sequence` of `trail` is covered by `checkpoint`. The entries come
 * from a store or from the entries of an export, and must give the checkpoint's root.
 *
 * @throws {EntryNotCoveredError} when `sequence` is not below the checkpoint's tree size.
 * @throws {ProofError} `PROOF_TRAIL_MISMATCH` for a checkpoint of another trail,
 *   `PROOF_ENTRIES_MISSING` when the entry was pruned or entries are missing, and
 *   `PROOF_SOURCE_MISMATCH` when the entries differ from what the checkpoint signed.
 * @throws {MalformedCheckpointError} when `checkpoint` is not a well-formed checkpoint.
 * @throws {ValidationError} when `sequence` is not a whole number.
 */
export async function inclusionProof(
  source: ProofSource,
  trail: Trail | string,
  sequence: number,
  checkpoint: Checkpoint,
  options: ProofOptions = {},
): Promise<EntryInclusionProof> {
  const key = Trail.from(trail).toString();
  const signed = parseCheckpoint(checkpoint);
  if (signed.trail !== key) {
    throw new ProofError('PROOF_TRAIL_MISMATCH', `the checkpoint belongs to trail ${signed.trail}, not to ${key}`);
  }
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw new ValidationError('sequence', `expected a whole number >= 0, got ${String(sequence)}`);
  }
  if (sequence >= signed.tree_size) {
    throw new EntryNotCoveredError(key, sequence, signed.tree_size);
  }

  const tree = await buildProofTree(source, {
    trail: key,
    until: signed.tree_size,
    maxBaseSize: sequence,
    bases: [...(options.checkpoints ?? [])],
    pageSize: options.pageSize,
  });
  assertSourceMatches(tree, signed);

  const proof = tree.inclusionProof(sequence, signed.tree_size);
  return {
    trail: key,
    sequence,
    tree_size: signed.tree_size,
    leaf_hash: toHex(tree.leafAt(sequence)),
    hashes: proof.hashes.map(toHex),
  };
}

/**
 * Verifies an inclusion proof against a checkpoint signed by a key of `keyring`. With
 * `subject.wire` (an entry read with `parseLosslessJson`) or `subject.entry` (an `AuditEntry`),
 * also checks that the proof is about that entry. A checkpoint whose unsigned frontier does not
 * fold to its root is rejected too, as `verifyWithCheckpoints` reports it. Returns nothing on
 * success.
 *
 * @throws {ProofError} `PROOF_MALFORMED` (also for a `wire` with keys that a wire entry does not
 *   have), `CHECKPOINT_UNTRUSTED`, `FRONTIER_MISMATCH`, `PROOF_TRAIL_MISMATCH`,
 *   `PROOF_SIZE_MISMATCH`, `PROOF_LEAF_MISMATCH`, or `PROOF_INVALID` when the hashes do not
 *   lead to the signed root.
 * @throws {MalformedCheckpointError} when `checkpoint` is not a well-formed checkpoint.
 * @throws {ValidationError} when `subject` names both `wire` and `entry`.
 */
export function verifyInclusionProof(proof: unknown, checkpoint: unknown, keyring: Keyring, subject: InclusionSubject = {}): void {
  const parsed = parseInclusionProof(proof);
  const signed = parseCheckpoint(checkpoint);
  assertTrusted(signed, keyring, 'checkpoint');
  assertFrontierFolds(signed, 'checkpoint');

  if (parsed.trail !== signed.trail) {
    throw new ProofError('PROOF_TRAIL_MISMATCH', `the proof is about trail ${parsed.trail}, but the checkpoint about ${signed.trail}`);
  }
  if (parsed.tree_size !== signed.tree_size) {
    throw new ProofError('PROOF_SIZE_MISMATCH', `the proof was built for tree size ${parsed.tree_size}, but the checkpoint has tree size ${signed.tree_size}`);
  }
  assertProofIsAbout(parsed, subject);

  try {
    verifyInclusion(fromHex(parsed.leaf_hash), { leafIndex: parsed.sequence, treeSize: parsed.tree_size, hashes: parsed.hashes.map(fromHex) }, fromHex(signed.root));
  } catch (error) {
    if (error instanceof MerkleError) {
      throw new ProofError('PROOF_INVALID', `inclusion proof of entry ${parsed.sequence} of trail ${parsed.trail} is invalid: ${error.message}`, { cause: error });
    }
    throw error;
  }
}
