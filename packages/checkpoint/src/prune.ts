import { Trail, ValidationError } from '@auditgate/core';

import type { Checkpoint } from './checkpoint.js';
import type { Checkpointer } from './checkpointer/checkpointer.js';
import { PruneError } from './errors.js';

/** Outcome of {@link pruneWithCheckpoint}. */
export interface PruneResult {
  /** How many entries the store removed. */
  readonly pruned: number;
  /** The prune checkpoint at the new start of the trail, or null when nothing was pruned. */
  readonly checkpoint: Checkpoint | null;
  /** The ts bound applied: `before`, lowered to the trail's newest ts so that its last entry stays. */
  readonly before: number;
}

/**
 * Removes a trail's entries with ts < `before`, after signing a prune checkpoint (with frontier)
 * at the first entry that stays. The remaining trail then verifies from there: the frontier
 * replaces the removed entries, and the signed prune flag marks their
 * absence as authorized for a verifier.
 *
 * The trail's newest entry is never removed, because entries appended while this runs could
 * otherwise fall below `before` and be removed without a checkpoint. The checkpoint is written
 * before the store prunes, so a crash in between leaves entries that a checkpoint allows
 * removing, never removed entries without one.
 *
 * A {@link Checkpointer} makes the engine's own retention (`retentionSeconds`) prune through this
 * function, so retention keeps a signed checkpoint at every prune point too. Pass
 * `{ flush: false }` when calling it from inside the engine's retention, which `flush` waits for.
 *
 * @throws {ValidationError} when `before` is not a finite number.
 * @throws {PruneError} when the store pruned a different number of entries than the checkpoint
 *   covers, because something else pruned the trail at the same time.
 * @throws whatever {@link Checkpointer.checkpointAt} and the store throw.
 */
export async function pruneWithCheckpoint(
  checkpointer: Checkpointer,
  trail: Trail | string,
  before: number,
  options: { readonly flush?: boolean } = {},
): Promise<PruneResult> {
  if (typeof before !== 'number' || !Number.isFinite(before)) {
    throw new ValidationError('before', `expected seconds since the epoch as a finite number, got ${String(before)}`);
  }

  const key = Trail.from(trail).toString();
  const engine = checkpointer.engine;
  if (options.flush ?? true) await engine.flush();

  const store = engine.store;
  const tail = await store.tail(key);
  if (tail === null) {
    return { pruned: 0, checkpoint: null, before };
  }

  // Entries appended from now on have ts >= tail.ts, so the entries below `bound` are exactly
  // those present now, and they are a prefix of the trail because ts never decreases.
  const bound = Math.min(before, tail.ts);
  const anchor = await store.anchor(key);
  const firstPresent = anchor === null ? 0 : anchor.sequence + 1;
  const removable = await store.count({ trail: key, before: bound });
  if (removable === 0) {
    return { pruned: 0, checkpoint: null, before: bound };
  }

  const treeSize = firstPresent + removable;
  const checkpoint = await checkpointer.checkpointAt(key, treeSize, { prune: true });
  const pruned = await store.prune(key, bound);

  const after = await store.anchor(key);
  if (after === null || after.sequence !== treeSize - 1) {
    throw new PruneError(
      key,
      `the prune checkpoint of trail ${key} covers entries up to sequence ${treeSize - 1}, but the store's anchor ` +
        `is now ${after === null ? 'absent' : `at sequence ${after.sequence}`}. Another prune ran at the same time, and ` +
        'verifiers will report the entries between the two as missing. Let pruneWithCheckpoint be the only pruner of a trail.',
    );
  }
  return { pruned, checkpoint, before: bound };
}
