import { Trail } from '@auditgate/core';

import type { Checkpoint } from './checkpoint.js';
import type { CheckpointInput } from './checkpoint-file.js';
import { checkSignature } from './check-checkpoint.js';
import { MalformedCheckpointError } from './errors.js';
import type { Keyring } from './keys/keyring.js';
import { parseCheckpoint } from './parse-checkpoint.js';

/**
 * Returns the well-formed checkpoints of `inputs` whose signatures verify under `keyring`, in
 * input order. The others are skipped silently: run `verifyWithCheckpoints` to report them.
 */
export async function validCheckpoints(inputs: Iterable<CheckpointInput> | AsyncIterable<CheckpointInput>, keyring: Keyring): Promise<Checkpoint[]> {
  const valid: Checkpoint[] = [];
  for await (const input of inputs) {
    if (input.parseError !== undefined) {
      continue;
    }

    let checkpoint: Checkpoint;
    try {
      checkpoint = parseCheckpoint(input.checkpoint);
    } catch (error) {
      if (error instanceof MalformedCheckpointError) continue;
      throw error;
    }
    if (checkSignature(checkpoint, keyring) === 'valid') {
      valid.push(checkpoint);
    }
  }
  return valid;
}

/**
 * Returns the checkpoint of `trail` with the largest tree size (the last one written among
 * equals), or null when there is none. Pass checkpoints that were checked already, such as the
 * result of {@link validCheckpoints}.
 */
export function latestCheckpoint(checkpoints: Iterable<Checkpoint>, trail: Trail | string): Checkpoint | null {
  const key = Trail.from(trail).toString();
  let latest: Checkpoint | null = null;
  for (const checkpoint of checkpoints) {
    if (checkpoint.trail === key && (latest === null || checkpoint.tree_size >= latest.tree_size)) {
      latest = checkpoint;
    }
  }
  return latest;
}
