import { consistencyProof, verifyConsistencyProof, type Keyring } from '@auditgate/checkpoint';
import type { CliIo } from '../io.js';
import { CONSISTENCY_PROOF_TYPE, type ConsistencyBundle } from './proof-bundle.js';
import { asCheckFailure } from './proof-failures.js';
import { assertNotPruned, readTrailEntries } from './trail-entries.js';
import { checkpointOfSize, type LocatedCheckpoint } from './trusted-checkpoints.js';

/** Request of `prove --consistency`: the log files, the trail, two tree sizes, and the trusted checkpoints. */
export interface ConsistencyRequest {
  readonly files: readonly string[];
  readonly trail: string;
  readonly size1: number;
  readonly size2: number;
  readonly checkpoints: readonly LocatedCheckpoint[];
  readonly keyring: Keyring;
}

/** A built consistency proof, with where its two checkpoints were read. */
export interface ConsistencyResult {
  readonly bundle: ConsistencyBundle;
  readonly older: LocatedCheckpoint;
  readonly newer: LocatedCheckpoint;
}

/**
 * Builds the proof that the trail's checkpoint at `size2` extends the one at `size1`, and
 * checks the proof before returning it.
 *
 * @throws {CheckFailedError} `CHECKPOINT_NOT_FOUND` when the trail has no valid checkpoint of
 *   one of the sizes, `FORK` when it has several with different roots, `PROOF_ENTRIES_MISSING`
 *   when the log's entries start above `size1` (pruned), and the codes of
 *   `@auditgate/checkpoint` (`CHECKPOINTS_INCONSISTENT`, `PROOF_*`) when no proof can be built.
 * @throws {InputError} when a log file cannot be read.
 */
export async function proveConsistency(request: ConsistencyRequest, io: Pick<CliIo, 'stdin' | 'cwd'>): Promise<ConsistencyResult> {
  const ofTrail = request.checkpoints.filter((located) => located.checkpoint.trail === request.trail);
  const older = checkpointOfSize(ofTrail, request.trail, request.size1);
  const newer = checkpointOfSize(ofTrail, request.trail, request.size2);

  const entries = await readTrailEntries(request.files, request.trail, io);
  assertNotPruned(entries, request.trail, request.size1, ofTrail, `the tree of the first ${request.size1} entries of trail ${request.trail}`);
  try {
    const proof = await consistencyProof(
      { wire: entries.map((entry) => entry.wire) },
      older.checkpoint,
      newer.checkpoint,
      { checkpoints: request.checkpoints.map((located) => located.checkpoint) },
    );
    const bundle: ConsistencyBundle = { type: CONSISTENCY_PROOF_TYPE, proof, older: older.checkpoint, newer: newer.checkpoint };
    verifyConsistencyProof(bundle.proof, bundle.older, bundle.newer, request.keyring);
    return { bundle, older, newer };
  } catch (error) {
    throw asCheckFailure(error);
  }
}
