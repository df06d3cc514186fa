import type { Checkpoint } from '../checkpoint.js';
import { checkFrontier, checkSignature } from '../check-checkpoint.js';
import type { Keyring } from '../keys/keyring.js';
import type { CheckpointSink } from '../sinks/sink.js';

/** Checkpoints of one trail in a sink that a checkpointer can build on. */
export interface ResumePoint {
  /** The trusted checkpoint with the largest tree size whose frontier folds to its root. */
  readonly frontier: Checkpoint | null;
  /** The trusted checkpoint with the largest tree size. */
  readonly latest: Checkpoint | null;
  /** Signed roots by tree size, above the frontier's size, to compare with while catching up. */
  readonly roots: ReadonlyMap<number, string>;
}

interface Collecting {
  frontier: Checkpoint | null;
  latest: Checkpoint | null;
  roots: Map<number, string>;
}

/**
 * Reads a sink's checkpoints and keeps, per trail, the ones a checkpointer can trust: signed by
 * a key of `keyring`, and accepted by `accept`. A sink without `read` yields no resume points.
 */
export async function readResumePoints(
  sink: CheckpointSink,
  keyring: Keyring,
  accept: (checkpoint: Checkpoint) => boolean = () => true,
): Promise<Map<string, ResumePoint>> {
  const points = new Map<string, Collecting>();
  if (sink.read === undefined) {
    return points;
  }

  for await (const checkpoint of sink.read()) {
    if (!accept(checkpoint) || checkSignature(checkpoint, keyring) !== 'valid') {
      continue;
    }

    let point = points.get(checkpoint.trail);
    if (point === undefined) {
      point = { frontier: null, latest: null, roots: new Map() };
      points.set(checkpoint.trail, point);
    }

    if (!point.roots.has(checkpoint.tree_size)) {
      point.roots.set(checkpoint.tree_size, checkpoint.root);
    }
    if (point.latest === null || checkpoint.tree_size > point.latest.tree_size) {
      point.latest = checkpoint;
    }
    const isLarger = point.frontier === null || checkpoint.tree_size > point.frontier.tree_size;
    if (isLarger && checkFrontier(checkpoint) === 'valid') {
      point.frontier = checkpoint;
    }
  }

  for (const point of points.values()) {
    const base = point.frontier?.tree_size ?? 0;
    for (const size of point.roots.keys()) {
      if (size <= base) {
        point.roots.delete(size);
      }
    }
  }
  return points;
}
