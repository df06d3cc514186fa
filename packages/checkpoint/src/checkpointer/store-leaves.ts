import type { Store } from '@auditgate/core';
import { toHex, type CompactMerkleTree } from '@auditgate/merkle';

import { CheckpointStateError } from '../errors.js';
import { entryLeafHash } from '../leaf.js';

/** Options of {@link appendFromStore}. */
export interface AppendFromStoreOptions {
  /** Stop at this tree size; by default read to the end of the trail. */
  readonly until?: number;
  /** Entries per store query. */
  readonly pageSize: number;
  /** Signed roots by tree size; reaching one of these sizes with another root is an error. */
  readonly expectedRoots?: ReadonlyMap<number, string>;
}

/**
 * Appends a trail's stored entries to `tree`, starting at the entry whose sequence is the
 * tree's size, in pages of `pageSize`. Entries written by any process are read, so the tree
 * covers them all.
 *
 * @returns the leaf hash of the last entry appended, or null when none was.
 * @throws {CheckpointStateError} `CHECKPOINT_RESUME_PRUNED` when the store no longer contains the
 *   next entry, `CHECKPOINT_STORE_DIVERGED` when the store returns an entry out of order or the
 *   tree reaches a signed size with another root, and `CHECKPOINT_SIZE_INVALID` when `until` is
 *   beyond the trail's last entry.
 */
export async function appendFromStore(store: Store, trail: string, tree: CompactMerkleTree, options: AppendFromStoreOptions): Promise<Uint8Array | null> {
  const { until, pageSize, expectedRoots } = options;
  let lastLeaf: Uint8Array | null = null;

  for (;;) {
    const wanted = until === undefined ? pageSize : Math.min(pageSize, until - tree.size);
    if (wanted <= 0) {
      break;
    }

    const entries = await store.query({ trail, fromSequence: tree.size, limit: wanted });
    for (const entry of entries) {
      if (entry.sequence !== tree.size) {
        throw outOfPlace(trail, tree.size, entry.sequence);
      }

      lastLeaf = entryLeafHash(entry);
      tree.append(lastLeaf);
      const signedRoot = expectedRoots?.get(tree.size);
      if (signedRoot !== undefined && toHex(tree.root()) !== signedRoot) {
        throw new CheckpointStateError(
          'CHECKPOINT_STORE_DIVERGED',
          trail,
          `the stored entries of trail ${trail} give a different root at tree size ${tree.size} than the ` +
            `checkpoint signed for that size (${signedRoot}). The store was changed after it was checkpointed; ` +
            'no checkpoint is signed over it. Run a checkpoint-aware verify to find the change.',
        );
      }
    }

    if (entries.length < wanted) {
      break;
    }
  }

  if (until !== undefined && tree.size < until) {
    throw new CheckpointStateError(
      'CHECKPOINT_SIZE_INVALID',
      trail,
      `trail ${trail} has ${tree.size} entries, fewer than the requested tree size ${until}`,
    );
  }
  return lastLeaf;
}

function outOfPlace(trail: string, expected: number, found: number): CheckpointStateError {
  if (found > expected) {
    return new CheckpointStateError(
      'CHECKPOINT_RESUME_PRUNED',
      trail,
      `the store no longer contains entries ${expected} to ${found - 1} of trail ${trail}, and the sink has no trusted ` +
        `checkpoint with a frontier at tree size ${found} or above to continue from. Entries pruned without a prune ` +
        'checkpoint cannot be covered again: restore the sink (or pass the keys that signed it in `keyring`), ' +
        'or start a new trail.',
    );
  }
  return new CheckpointStateError(
    'CHECKPOINT_STORE_DIVERGED',
    trail,
    `the store returned entry ${found} of trail ${trail} where entry ${expected} was expected; the store is inconsistent`,
  );
}
