import { validCheckpoints, type Checkpoint, type CheckpointInput, type Keyring } from '@auditgate/checkpoint';
import { formatLocation, type EntryLocation } from '@auditgate/core';
import { CheckFailedError } from '../errors.js';
import { escapeControls } from '../output/printable.js';

/** A checkpoint whose signature verified, with the file and line it was read from. */
export interface LocatedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly location: EntryLocation | null;
}

/**
 * Returns the well-formed checkpoints of `inputs` whose signatures verify under `keyring`, in
 * input order, each with where it was read. The others are skipped: `auditgate verify` reports
 * them.
 */
export async function trustedCheckpoints(inputs: readonly CheckpointInput[], keyring: Keyring): Promise<LocatedCheckpoint[]> {
  // A signature covers every signed field, so it identifies its checkpoint's line.
  const locations = new Map<string, EntryLocation | null>();
  for (const input of [...inputs].reverse()) {
    const signature = (input.checkpoint as { signature?: unknown } | null)?.signature;
    if (typeof signature === 'string') locations.set(signature, input.location ?? null);
  }

  const valid = await validCheckpoints(inputs, keyring);
  return valid.map((checkpoint) => ({ checkpoint, location: locations.get(checkpoint.signature) ?? null }));
}

/** Describes a checkpoint in one line: where it was read (control characters escaped), its tree size, root, key and time. */
export function describeCheckpoint({ checkpoint, location }: LocatedCheckpoint): string {
  const date = new Date(checkpoint.ts * 1000);
  const signed = Number.isNaN(date.getTime()) ? `at ts ${checkpoint.ts}` : date.toISOString();
  const kind = checkpoint.prune === true ? 'prune checkpoint' : 'checkpoint';
  return `${kind} at ${escapeControls(formatLocation(location))}: tree size ${checkpoint.tree_size}, root ${checkpoint.root}, key ${checkpoint.key_id}, signed ${signed}`;
}

/**
 * Returns the valid checkpoint of `trail` at tree size `size`, from checkpoints of that trail.
 *
 * @throws {CheckFailedError} `CHECKPOINT_NOT_FOUND` when there is none, naming the sizes that
 *   exist, and `FORK` when several have different roots.
 */
export function checkpointOfSize(ofTrail: readonly LocatedCheckpoint[], trail: string, size: number): LocatedCheckpoint {
  const matching = ofTrail.filter((located) => located.checkpoint.tree_size === size);
  const first = matching[0];
  if (first === undefined) {
    const sizes = [...new Set(ofTrail.map((located) => located.checkpoint.tree_size))].sort((a, b) => a - b);
    const known = sizes.length === 0 ? 'it has no valid checkpoint at all' : `its valid checkpoints have tree sizes ${sizes.join(', ')}`;
    throw new CheckFailedError('CHECKPOINT_NOT_FOUND', `trail ${trail} has no valid checkpoint of tree size ${size}: ${known}`);
  }

  const roots = new Set(matching.map((located) => located.checkpoint.root));
  if (roots.size > 1) {
    const where = matching.map((located) => `${located.checkpoint.root} (${formatLocation(located.location)})`).join(' and ');
    throw new CheckFailedError(
      'FORK',
      `trail ${trail} has valid checkpoints of tree size ${size} with ${roots.size} different roots, ${where}, so at most one history is true. ` +
        "Run 'auditgate verify' with the same flags to see which one the log matches",
    );
  }
  return first;
}
