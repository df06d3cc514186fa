import { formatLocation } from '@auditgate/core';

import type { TrailCheckpoints, ValidCheckpoint } from './checkpoint-set.js';
import type { CheckpointFinding } from './finding.js';

/**
 * Compares the frontiers of a trail's checkpoints without reading any entry. Two frontiers at
 * sizes a < b share the perfect subtrees of the binary digits that a and b have in common above
 * the highest digit where they differ, so those hashes must be equal. A difference is a fork
 * that stays visible even where entries were pruned. Each checkpoint is compared with the next
 * larger one and with the largest, which keeps the work linear.
 */
export function checkFrontierPairs(set: TrailCheckpoints, report: (finding: CheckpointFinding) => void): void {
  const withFrontier: ValidCheckpoint[] = [];
  for (const size of set.sizes) {
    const group = set.groups.get(size);
    if (group?.frontier !== null && group?.frontier !== undefined && group.byRoot.size === 1) {
      withFrontier.push(group.frontier);
    }
  }

  const largest = withFrontier[withFrontier.length - 1];
  const reported = new Set<string>();
  withFrontier.forEach((smaller, index) => {
    for (const larger of [withFrontier[index + 1], largest]) {
      if (larger === undefined || larger === smaller) {
        continue;
      }

      const pair = `${smaller.checkpoint.tree_size}/${larger.checkpoint.tree_size}`;
      if (!reported.has(pair) && !sharedSubtreesAgree(smaller, larger)) {
        reported.add(pair);
        report(forkFinding(set.trail, smaller, larger));
      }
    }
  });
}

function sharedSubtreesAgree(smaller: ValidCheckpoint, larger: ValidCheckpoint): boolean {
  const shared = sharedPeakCount(smaller.checkpoint.tree_size, larger.checkpoint.tree_size);
  const a = smaller.checkpoint.frontier ?? [];
  const b = larger.checkpoint.frontier ?? [];
  for (let i = 0; i < shared; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/** Counts the one digits that two sizes share above the highest binary digit where they differ. */
export function sharedPeakCount(a: number, b: number): number {
  const digitsA = binaryDigits(a);
  const digitsB = binaryDigits(b);
  let count = 0;
  for (let i = Math.max(digitsA.length, digitsB.length) - 1; i >= 0; i--) {
    const digitA = digitsA[i] ?? 0;
    if (digitA !== (digitsB[i] ?? 0)) {
      break;
    }
    count += digitA;
  }
  return count;
}

// Least significant digit first, without 32-bit operators.
function binaryDigits(value: number): number[] {
  const digits: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 2)) {
    digits.push(rest % 2);
  }
  return digits;
}

function forkFinding(trail: string, smaller: ValidCheckpoint, larger: ValidCheckpoint): CheckpointFinding {
  return {
    kind: 'fork',
    trail,
    sequence: null,
    location: larger.location,
    treeSize: larger.checkpoint.tree_size,
    message:
      `the checkpoints of trail ${trail} at tree sizes ${smaller.checkpoint.tree_size} (${formatLocation(smaller.location)}) and ` +
      `${larger.checkpoint.tree_size} (${formatLocation(larger.location)}) disagree on the entries they share: their frontiers ` +
      'differ, so the larger one does not extend the smaller',
  };
}
