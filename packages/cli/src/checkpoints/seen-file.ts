import { resolve } from 'node:path';
import {
  FileCheckpointSink,
  SinkError,
  latestCheckpoint,
  validCheckpoints,
  type Checkpoint,
  type CheckpointInput,
  type Keyring,
} from '@auditgate/checkpoint';
import { compareCodePoints } from '@auditgate/core';
import { InputError } from '../errors.js';
import type { CliIo } from '../io.js';

/**
 * Appends to the seen file the newest valid checkpoint of each trail in `listed` that the file
 * does not hold yet, in code-point order of the trails, and returns how many were appended.
 *
 * Every checkpoint appended verified under the keyring, so it is a statement of a key holder
 * whether or not the entries matched it. Keeping it is what lets a later run report a
 * `checkpoint_regression` when newer checkpoints disappear, and a `fork` when a different root
 * shows up at its tree size.
 *
 * @throws {InputError} when the file cannot be written.
 */
export async function appendToSeenFile(
  file: string,
  listed: readonly CheckpointInput[],
  seen: readonly CheckpointInput[],
  keyring: Keyring,
  io: Pick<CliIo, 'cwd'>,
): Promise<number> {
  const current = await validCheckpoints(listed, keyring);
  const known = new Set((await validCheckpoints(seen, keyring)).map(identity));
  const trails = [...new Set(current.map((checkpoint) => checkpoint.trail))].sort(compareCodePoints);
  const newest = trails
    .map((trail) => latestCheckpoint(current, trail))
    .filter((checkpoint): checkpoint is Checkpoint => checkpoint !== null && !known.has(identity(checkpoint)));
  if (newest.length === 0) return 0;

  // The sink appends whole lines and syncs each one, so an interrupted run leaves at most one
  // torn line, which the next read reports as malformed and the next append ends cleanly.
  const sink = new FileCheckpointSink(resolve(io.cwd, file));
  try {
    for (const checkpoint of newest) await sink.write(checkpoint);
  } catch (error) {
    if (!(error instanceof SinkError)) throw error;
    throw new InputError(`--seen ${file}: cannot append the newest checkpoints: ${(error.cause as Error | undefined)?.message ?? error.message}`, { cause: error });
  } finally {
    await sink.close();
  }
  return newest.length;
}

function identity(checkpoint: Checkpoint): string {
  return `${checkpoint.trail}\n${checkpoint.tree_size}\n${checkpoint.root}`;
}
