import type { Store } from '@auditgate/core';
import { CompactMerkleTree, toHex } from '@auditgate/merkle';

import { CheckpointStateError } from '../errors.js';
import { entryLeafHash } from '../leaf.js';

/** Coverage of a checkpointer's tree of one trail, the input of {@link checkStoreHolds}. */
export interface CoveredTree {
  readonly tree: CompactMerkleTree;
  /** The largest tree size signed for the trail, which may be above the tree's size. */
  readonly signedSize: number;
  /** The leaf of the tree's last entry, when this process appended it; null right after a resume. */
  readonly lastLeaf: Uint8Array | null;
}

/**
 * Checks that the store still contains the entries that a trail's tree and its signed checkpoints
 * cover, before more entries are appended to the tree. A store that lost entries after they were
 * checkpointed (restored from an older backup, or restarted without persistence) and then
 * received new ones would otherwise give roots that mix two histories.
 *
 * Two checks run. The store's tail must reach the largest signed size. Then the entry at the
 * tree's last position must be the one the tree covers. Its leaf is compared with the leaf this
 * process appended. Right after a resume from a frontier, no such leaf is known, so the entries
 * of the frontier's smallest subtree are rehashed and compared with its last hash. That subtree
 * contains as many entries as the lowest set bit of the tree size, so a resume at a power of two
 * rereads the whole tree
 * once. Under CHAIN integrity the last entry's hash covers every hash before it, so a matching
 * last entry means a matching chain. Entries that were pruned cannot be compared, and are not.
 *
 * @returns the leaf of the tree's last entry as the store holds it, or null when it was pruned.
 * @throws {CheckpointStateError} `CHECKPOINT_STORE_DIVERGED` naming what the store lacks or changed.
 */
export async function checkStoreHolds(store: Store, trail: string, covered: CoveredTree, pageSize: number): Promise<Uint8Array | null> {
  const { tree, signedSize, lastLeaf } = covered;
  const needed = Math.max(tree.size, signedSize);
  if (needed === 0) {
    return null;
  }

  const tail = await store.tail(trail);
  const held = tail === null ? 0 : tail.sequence + 1;
  if (held < needed) {
    throw diverged(
      trail,
      `the store holds ${held} entries of trail ${trail}, but a checkpoint of tree size ${needed} was signed: entries that were ` +
        'checkpointed are gone from the store, for example after a restore from an older backup or a restart without persistence',
    );
  }
  if (tree.size === 0) {
    return null;
  }

  return lastLeaf === null ? checkSmallestSubtree(store, trail, tree, pageSize) : checkLastEntry(store, trail, tree.size, lastLeaf);
}

async function checkLastEntry(store: Store, trail: string, size: number, lastLeaf: Uint8Array): Promise<Uint8Array | null> {
  const [entry] = await store.query({ trail, fromSequence: size - 1, limit: 1 });
  if (entry === undefined || entry.sequence !== size - 1) {
    return null;
  }

  const leaf = entryLeafHash(entry);
  if (toHex(leaf) !== toHex(lastLeaf)) {
    throw diverged(trail, `entry ${size - 1} of trail ${trail} in the store differs from the entry that this checkpointer covered at that position`);
  }
  return leaf;
}

async function checkSmallestSubtree(store: Store, trail: string, tree: CompactMerkleTree, pageSize: number): Promise<Uint8Array | null> {
  const size = tree.size;
  const width = lowestSetBit(size);
  const start = size - width;
  const subtree = new CompactMerkleTree();
  let leaf: Uint8Array | null = null;

  while (subtree.size < width) {
    const entries = await store.query({ trail, fromSequence: start + subtree.size, limit: Math.min(pageSize, width - subtree.size) });
    if (entries.length === 0) {
      return null;
    }
    for (const entry of entries) {
      // A pruned entry means the frontier hash cannot be recomputed.
      if (entry.sequence !== start + subtree.size) {
        return null;
      }
      leaf = entryLeafHash(entry);
      subtree.append(leaf);
    }
  }

  const signed = tree.frontier().hashes.at(-1) as Uint8Array;
  if (toHex(subtree.root()) !== toHex(signed)) {
    throw diverged(
      trail,
      `entries ${start} to ${size - 1} of trail ${trail} in the store do not give the hash that the checkpoint of tree size ${size}, ` +
        'which this checkpointer resumed from, holds for them: the store was changed or replaced after it was checkpointed',
    );
  }
  return leaf;
}

// The largest power of two that divides `size`, without 32-bit operators.
function lowestSetBit(size: number): number {
  let width = 1;
  while ((size / width) % 2 === 0) {
    width *= 2;
  }
  return width;
}

function diverged(trail: string, what: string): CheckpointStateError {
  return new CheckpointStateError(
    'CHECKPOINT_STORE_DIVERGED',
    trail,
    `${what}. This checkpointer signs no more checkpoints of the trail: they would mix two histories. Restore the entries, ` +
      'or sign the store as it is into a new checkpoints sink (verifiers that kept the old checkpoints then report a fork).',
  );
}
