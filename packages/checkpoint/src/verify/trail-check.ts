import type { EntryLocation } from '@auditgate/core';
import { CompactMerkleTree, toHex } from '@auditgate/merkle';

import { restoreFrontier } from '../check-checkpoint.js';
import type { SizeGroup, TrailCheckpoints } from './checkpoint-set.js';
import type { CheckpointFinding } from './finding.js';
import { describeTrailFindings, type HeadGap, type Mismatch, type Stretch } from './trail-findings.js';

/** Summary of the checkpoint-aware verification of one trail. */
export interface CheckpointTrailReport {
  readonly trail: string;
  readonly entries: number;
  readonly firstSequence: number | null;
  readonly lastSequence: number | null;
  /** Valid checkpoints of the trail, current and previously seen. */
  readonly checkpoints: number;
  /** The largest tree size among them, or null when there is none. */
  readonly latestTreeSize: number | null;
  /** The largest checkpoint tree size whose root the entries gave, or null when none did. */
  readonly verifiedTreeSize: number | null;
  /** First sequence of a trail that was pruned as a prune checkpoint allowed, or null. */
  readonly prunedBefore: number | null;
  readonly findingCount: number;
}

/**
 * Checks one trail's entries, in the order they arrive, against its valid checkpoints. It keeps a
 * compact Merkle tree, so memory is O(log n) for the entries, and compares the tree's root with
 * the checkpoints as the tree reaches each of their sizes.
 *
 * The leaves follow the arrival order, not the `sequence` fields: a checkpoint signs the entries
 * in their order, so reordered or duplicated entries change the root. The sequence fields only
 * place the start of a pruned trail and explain findings.
 */
export class TrailCheck {
  readonly #checkpoints: TrailCheckpoints | undefined;
  readonly #maxSize: number;
  #tree: CompactMerkleTree | null = null;
  #entries = 0;
  #unchecked = 0;
  #firstSequence: number | null = null;
  #lastSequence: number | null = null;
  #maxSequence = -1;
  #prunedBefore: number | null = null;
  #lastMatched = 0;
  #largestMatch: number | null = null;
  #nextIndex = 0;
  #stretch: Stretch = newStretch();
  #firstGap: Stretch['gap'] = null;
  #head: HeadGap | null = null;
  #firstUncovered: EntryLocation | null = null;
  #firstLocation: EntryLocation | null = null;
  readonly #mismatches: Mismatch[] = [];

  constructor(
    readonly trail: string,
    checkpoints: TrailCheckpoints | undefined,
  ) {
    this.#checkpoints = checkpoints;
    this.#maxSize = checkpoints?.maxSize ?? 0;
  }

  /** Adds the trail's next entry: its sequence field (null when unreadable) and its leaf hash. */
  add(sequence: number | null, leaf: Uint8Array, location: EntryLocation | null): void {
    this.#entries++;
    if (this.#entries === 1) {
      this.#firstSequence = sequence;
      this.#firstLocation = location;
      this.#start(sequence ?? 0, location);
    } else {
      this.#trackSequence(sequence, location);
    }
    if (sequence !== null) {
      this.#lastSequence = sequence;
      this.#maxSequence = Math.max(this.#maxSequence, sequence);
    }

    if (this.#tree === null && sequence !== null) {
      this.#resumeFromFrontier(sequence);
    }
    const tree = this.#tree;
    if (tree === null) {
      this.#unchecked++;
      return;
    }

    if (tree.size === this.#lastMatched) {
      this.#stretch.start = location;
    }
    if (tree.size === this.#maxSize) {
      this.#firstUncovered = location;
    }
    tree.append(leaf);
    this.#compareAtCheckpoint(tree);
  }

  /** Returns the trail's findings and summary. Call once, after its last entry. */
  finish(): { findings: CheckpointFinding[]; report: CheckpointTrailReport } {
    const findings = describeTrailFindings({
      trail: this.trail,
      entries: this.#entries,
      unchecked: this.#unchecked,
      treeSize: this.#tree?.size ?? null,
      maxSize: this.#maxSize,
      maxSequence: this.#maxSequence,
      largestMatch: this.#largestMatch,
      head: this.#head,
      firstGap: this.#firstGap,
      mismatches: this.#mismatches,
      firstUncovered: this.#firstUncovered,
      firstLocation: this.#firstLocation,
      latestCheckpoint: this.#latestGroup(),
    });

    const report: CheckpointTrailReport = {
      trail: this.trail,
      entries: this.#entries,
      firstSequence: this.#firstSequence,
      lastSequence: this.#lastSequence,
      checkpoints: this.#checkpoints?.count ?? 0,
      latestTreeSize: this.#maxSize === 0 ? null : this.#maxSize,
      verifiedTreeSize: this.#largestMatch,
      prunedBefore: this.#prunedBefore,
      findingCount: findings.length,
    };
    return { findings, report };
  }

  #start(sequence: number, location: EntryLocation | null): void {
    if (sequence === 0) {
      this.#tree = new CompactMerkleTree();
      return;
    }

    // A pruned trail may start where a prune checkpoint with a frontier allows it to.
    const start = this.#checkpoints?.groups.get(sequence)?.frontier;
    if (start?.checkpoint.prune === true) {
      this.#restore(sequence, start.checkpoint);
      this.#prunedBefore = sequence;
      this.#largestMatch = sequence;
      return;
    }

    if (this.#maxSize > 0) {
      this.#head = { sequence, location, firstCheckpoint: this.#firstGroup(), lastPrune: this.#lastPruneBelow(sequence) };
    }
    if (start !== null && start !== undefined) {
      // Not allowed, but a frontier here still lets the rest of the trail be checked.
      this.#restore(sequence, start.checkpoint);
    }
  }

  #resumeFromFrontier(sequence: number): void {
    const start = this.#checkpoints?.groups.get(sequence)?.frontier;
    if (start !== null && start !== undefined) {
      this.#restore(sequence, start.checkpoint);
    }
  }

  #restore(size: number, checkpoint: Parameters<typeof restoreFrontier>[0]): void {
    this.#tree = restoreFrontier(checkpoint) ?? null;
    this.#lastMatched = size;
    this.#stretch = newStretch();
  }

  #trackSequence(sequence: number | null, location: EntryLocation | null): void {
    if (sequence === null || this.#lastSequence === null) {
      return;
    }

    if (sequence > this.#lastSequence + 1) {
      const gap = { from: this.#lastSequence + 1, to: sequence - 1, location };
      this.#stretch.gap ??= gap;
      this.#firstGap ??= gap;
    } else if (sequence <= this.#lastSequence) {
      this.#stretch.backStep = true;
    }
  }

  #compareAtCheckpoint(tree: CompactMerkleTree): void {
    const sizes = this.#checkpoints?.sizes ?? [];
    while (this.#nextIndex < sizes.length && (sizes[this.#nextIndex] as number) < tree.size) {
      this.#nextIndex++;
    }
    if (sizes[this.#nextIndex] !== tree.size) {
      return;
    }

    const group = this.#checkpoints?.groups.get(tree.size) as SizeGroup;
    this.#nextIndex++;
    const root = toHex(tree.root());
    if (group.byRoot.has(root)) {
      this.#lastMatched = tree.size;
      this.#largestMatch = tree.size;
      this.#stretch = newStretch();
      return;
    }

    // The stretch stays open after a mismatch, so that an entry arriving later (a reordered
    // one filling a gap) still changes how the mismatch is described.
    this.#mismatches.push({ group, computedRoot: root, from: this.#lastMatched, stretch: this.#stretch });
  }

  #firstGroup(): SizeGroup | null {
    const size = this.#checkpoints?.sizes[0];
    return size === undefined ? null : (this.#checkpoints?.groups.get(size) ?? null);
  }

  #latestGroup(): SizeGroup | null {
    return this.#maxSize === 0 ? null : (this.#checkpoints?.groups.get(this.#maxSize) ?? null);
  }

  #lastPruneBelow(sequence: number): number | null {
    let found: number | null = null;
    for (const size of this.#checkpoints?.sizes ?? []) {
      if (size < sequence && this.#checkpoints?.groups.get(size)?.frontier?.checkpoint.prune === true) {
        found = size;
      }
    }
    return found;
  }
}

function newStretch(): Stretch {
  return { start: null, gap: null, backStep: false };
}
