import { inclusionProof, latestCheckpoint, verifyInclusionProof, type Keyring } from '@auditgate/checkpoint';
import { formatLocation } from '@auditgate/core';
import { CheckFailedError } from '../errors.js';
import type { CliIo } from '../io.js';
import { asCheckFailure } from './proof-failures.js';
import { INCLUSION_PROOF_TYPE, type InclusionBundle } from './proof-bundle.js';
import { assertNotPruned, readTrailEntries, sequenceOf, type TrailEntry } from './trail-entries.js';
import { checkpointOfSize, type LocatedCheckpoint } from './trusted-checkpoints.js';

/** Request of `prove --sequence`: the log files, the trail, the entry's sequence, and the trusted checkpoints. */
export interface InclusionRequest {
  readonly files: readonly string[];
  readonly trail: string;
  readonly sequence: number;
  readonly checkpoints: readonly LocatedCheckpoint[];
  readonly keyring: Keyring;
}

/** A built inclusion proof, with where its checkpoint and its entry were read. */
export interface InclusionResult {
  readonly bundle: InclusionBundle;
  readonly checkpoint: LocatedCheckpoint;
  readonly entry: TrailEntry;
}

/**
 * Builds the inclusion proof of one entry against the newest valid checkpoint of its trail,
 * and checks the proof before returning it.
 *
 * @throws {CheckFailedError} `NO_CHECKPOINT` when the trail has no valid checkpoint, `FORK`
 *   when its newest tree size has several roots, `ENTRY_NOT_COVERED` when the newest
 *   checkpoint does not reach the entry, `PROOF_ENTRIES_MISSING` when the entry was pruned, and
 *   the `PROOF_*` codes of `@auditgate/checkpoint` when the log does not give the checkpoint's root.
 * @throws {InputError} when a log file cannot be read.
 */
export async function proveInclusion(request: InclusionRequest, io: Pick<CliIo, 'stdin' | 'cwd'>): Promise<InclusionResult> {
  const { trail, sequence } = request;
  const ofTrail = request.checkpoints.filter((located) => located.checkpoint.trail === trail);
  const latest = latestCheckpoint(
    ofTrail.map((located) => located.checkpoint),
    trail,
  );
  if (latest === null) throw new CheckFailedError('NO_CHECKPOINT', noCheckpointMessage(trail, request));

  // A proof against one of two roots signed for the same size would hide the fork.
  const located = checkpointOfSize(ofTrail, trail, latest.tree_size);
  const newest = located.checkpoint;

  // Checked before the log is read: no proof can exist, whatever the log contains.
  if (sequence >= newest.tree_size) {
    throw new CheckFailedError(
      'ENTRY_NOT_COVERED',
      `entry ${sequence} of trail ${trail} is not covered by any valid checkpoint: the newest one (${formatLocation(located.location)}) ` +
        `has tree size ${newest.tree_size}, so it covers entries 0 to ${newest.tree_size - 1}. The entry is covered once a checkpoint ` +
        `with a tree size above ${sequence} is signed; prove it after that`,
    );
  }

  const entries = await readTrailEntries(request.files, trail, io);
  assertNotPruned(entries, trail, sequence, ofTrail, `entry ${sequence} of trail ${trail}`);
  try {
    const proof = await inclusionProof(
      { wire: entries.map((entry) => entry.wire) },
      trail,
      sequence,
      newest,
      { checkpoints: request.checkpoints.map((candidate) => candidate.checkpoint) },
    );

    // The proof tree places the first entry read at its sequence, and every later one at the
    // next position, as a verifier reads them.
    const entry = entries[sequence - (sequenceOf(entries[0]!) ?? 0)];
    if (entry === undefined) {
      throw new CheckFailedError('PROOF_ENTRIES_MISSING', `the log files hold no entry at position ${sequence} of trail ${trail}`);
    }
    const bundle: InclusionBundle = { type: INCLUSION_PROOF_TYPE, proof, checkpoint: newest, entry: entry.wire };
    verifyInclusionProof(bundle.proof, bundle.checkpoint, request.keyring, { wire: bundle.entry });
    return { bundle, checkpoint: located, entry };
  } catch (error) {
    throw asCheckFailure(error);
  }
}

function noCheckpointMessage(trail: string, request: InclusionRequest): string {
  const trails = new Set(request.checkpoints.map((located) => located.checkpoint.trail));
  const others = trails.size === 0 ? 'no trail at all' : `only ${[...trails].slice(0, 5).join(', ')}${trails.size > 5 ? ', ...' : ''}`;
  return (
    `trail ${trail} has no valid checkpoint in the --checkpoints files: ` +
    `the valid checkpoints there are of ${others}. Check the trail name, or run 'auditgate verify' with the same ` +
    '--checkpoints and --public-key flags to see which checkpoints are invalid and why'
  );
}
