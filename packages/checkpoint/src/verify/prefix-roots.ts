import { formatLocation } from '@auditgate/core';
import { fromHex, nodeHash, toHex } from '@auditgate/merkle';

import type { TrailCheckpoints, ValidCheckpoint } from './checkpoint-set.js';
import type { CheckpointFinding } from './finding.js';

/**
 * Compares each checkpoint that has a valid frontier with the checkpoints of its trail whose
 * tree size is the size of its first few frontier subtrees together (such as 8 and 12 for a
 * frontier at 14 = 8 + 4 + 2). The RFC 9162 root at such a size folds from those subtrees
 * alone, so it must be the root signed for that size. A different one is a fork, found without
 * reading any entry.
 *
 * Checkpoints that have a valid frontier of their own are left out, because
 * `checkFrontierPairs` compares those. This check matters for the others once entries are gone:
 * a prune checkpoint signed over a rewritten history still conflicts with an older checkpoint
 * without frontier, such as one kept in a seen file by an earlier version. Other pairs of sizes
 * share no subtree that the frontier holds, so they cannot be compared without the entries.
 */
export function checkPrefixRoots(set: TrailCheckpoints, report: (finding: CheckpointFinding) => void): void {
  for (const size of set.sizes) {
    const group = set.groups.get(size);
    const source = group?.frontier;
    if (source === null || source === undefined || group === undefined || group.byRoot.size !== 1) {
      continue;
    }

    const frontier = (source.checkpoint.frontier ?? []).map(fromHex);
    const widths = subtreeWidths(size);
    let prefix = 0;
    for (let count = 1; count < widths.length; count++) {
      prefix += widths[count - 1] as number;
      const target = set.groups.get(prefix);
      if (target === undefined || target.frontier !== null) {
        continue;
      }

      const folded = toHex(foldSubtrees(frontier.slice(0, count)));
      for (const [root, copies] of target.byRoot) {
        if (root !== folded) {
          report(prefixFork(set.trail, copies[0] as ValidCheckpoint, source, folded));
        }
      }
    }
  }
}

// MTH of subtrees of decreasing power-of-two widths: RFC 9162 splits a tree at the largest
// power of two below its size, which is the first subtree's width, so the fold runs from the right.
function foldSubtrees(subtrees: readonly Uint8Array[]): Uint8Array {
  let root = subtrees[subtrees.length - 1] as Uint8Array;
  for (let i = subtrees.length - 2; i >= 0; i--) {
    root = nodeHash(subtrees[i] as Uint8Array, root);
  }
  return root;
}

// Widths of the perfect subtrees of a tree of `size` leaves, largest first, as in a frontier.
function subtreeWidths(size: number): number[] {
  const widths: number[] = [];
  let width = 1;
  for (let rest = size; rest > 0; rest = Math.floor(rest / 2)) {
    if (rest % 2 === 1) {
      widths.push(width);
    }
    width *= 2;
  }
  return widths.reverse();
}

function prefixFork(trail: string, smaller: ValidCheckpoint, larger: ValidCheckpoint, folded: string): CheckpointFinding {
  const kind = larger.checkpoint.prune === true ? 'prune checkpoint' : 'checkpoint';
  return {
    kind: 'fork',
    trail,
    sequence: null,
    location: larger.location,
    treeSize: larger.checkpoint.tree_size,
    message:
      `the ${kind} of trail ${trail} at tree size ${larger.checkpoint.tree_size} (${formatLocation(larger.location)}) commits, through its frontier, ` +
      `to root ${folded} for the first ${smaller.checkpoint.tree_size} entries, but the checkpoint of tree size ${smaller.checkpoint.tree_size} ` +
      `(${formatLocation(smaller.location)}) signs ${smaller.checkpoint.root}: the two sign different histories`,
  };
}
