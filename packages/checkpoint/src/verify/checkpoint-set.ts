import { formatLocation, type EntryLocation } from '@auditgate/core';

import type { Checkpoint } from '../checkpoint.js';
import type { CheckpointInput } from '../checkpoint-file.js';
import { checkFrontier, checkSignature } from '../check-checkpoint.js';
import { MalformedCheckpointError } from '../errors.js';
import type { Keyring } from '../keys/keyring.js';
import { parseCheckpoint } from '../parse-checkpoint.js';
import type { CheckpointFinding } from './finding.js';
import { checkFrontierPairs } from './frontier-pairs.js';
import { checkPrefixRoots } from './prefix-roots.js';

/** A checkpoint whose signature verified, with where it came from. */
export interface ValidCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly location: EntryLocation | null;
  /** True when it came from the previously seen checkpoints rather than the current list. */
  readonly seen: boolean;
  readonly frontierValid: boolean;
}

/** The valid checkpoints of one trail at one tree size. */
export interface SizeGroup {
  readonly size: number;
  /** Checkpoints by root. More than one root at a size is a fork. */
  readonly byRoot: Map<string, ValidCheckpoint[]>;
  /** A checkpoint here with a valid frontier, a prune checkpoint when there is one. */
  frontier: ValidCheckpoint | null;
}

/** The valid checkpoints of one trail, grouped by tree size. */
export class TrailCheckpoints {
  readonly groups = new Map<number, SizeGroup>();
  /** Tree sizes in increasing order; complete once loading has finished. */
  sizes: number[] = [];
  listedMaxSize = 0;
  seenMaxSize = 0;
  /** Valid checkpoints added, copies included. */
  count = 0;

  constructor(readonly trail: string) {}

  get maxSize(): number {
    return Math.max(this.listedMaxSize, this.seenMaxSize);
  }

  add(valid: ValidCheckpoint): void {
    this.count++;
    const size = valid.checkpoint.tree_size;
    let group = this.groups.get(size);
    if (group === undefined) {
      group = { size, byRoot: new Map(), frontier: null };
      this.groups.set(size, group);
    }

    const sameRoot = group.byRoot.get(valid.checkpoint.root) ?? [];
    sameRoot.push(valid);
    group.byRoot.set(valid.checkpoint.root, sameRoot);
    if (valid.frontierValid && (group.frontier === null || (valid.checkpoint.prune === true && group.frontier.checkpoint.prune !== true))) {
      group.frontier = valid;
    }

    if (valid.seen) {
      this.seenMaxSize = Math.max(this.seenMaxSize, size);
    } else {
      this.listedMaxSize = Math.max(this.listedMaxSize, size);
    }
  }
}

/**
 * Checks checkpoints (the current list and the previously seen ones) and groups the valid ones
 * by trail. Reports malformed checkpoints, bad signatures, unknown keys, frontiers that do not
 * fold to their root, and a list that ends below a seen tree size. It also reports forks that
 * the checkpoints show alone: same size with two roots, shared frontier subtrees that differ,
 * and a root that a larger frontier folds to differently.
 */
export function loadCheckpoints(
  listed: readonly CheckpointInput[],
  seen: readonly CheckpointInput[],
  keyring: Keyring,
  report: (finding: CheckpointFinding) => void,
): Map<string, TrailCheckpoints> {
  const trails = new Map<string, TrailCheckpoints>();
  const accept = (input: CheckpointInput, isSeen: boolean): void => {
    const valid = validate(input, isSeen, keyring, report);
    if (valid === null) {
      return;
    }

    let set = trails.get(valid.checkpoint.trail);
    if (set === undefined) {
      set = new TrailCheckpoints(valid.checkpoint.trail);
      trails.set(valid.checkpoint.trail, set);
    }
    set.add(valid);
  };
  listed.forEach((input) => accept(input, false));
  seen.forEach((input) => accept(input, true));

  for (const set of trails.values()) {
    set.sizes = [...set.groups.keys()].sort((a, b) => a - b);
    reportSameSizeForks(set, report);
    checkFrontierPairs(set, report);
    checkPrefixRoots(set, report);
    reportRegression(set, report);
  }
  return trails;
}

function validate(input: CheckpointInput, isSeen: boolean, keyring: Keyring, report: (finding: CheckpointFinding) => void): ValidCheckpoint | null {
  const location = input.location ?? null;
  const label = isSeen ? 'seen checkpoint' : 'checkpoint';
  const where = location === null ? label : `${label} at ${formatLocation(location)}`;
  if (input.parseError !== undefined) {
    report({ kind: 'malformed_checkpoint', trail: null, sequence: null, location, message: `${where} is not JSON: ${input.parseError}` });
    return null;
  }

  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(input.checkpoint);
  } catch (error) {
    if (!(error instanceof MalformedCheckpointError)) throw error;
    const trail = typeof (input.checkpoint as { trail?: unknown } | null)?.trail === 'string' ? (input.checkpoint as { trail: string }).trail : null;
    report({ kind: 'malformed_checkpoint', trail, sequence: null, location, message: `${where} is malformed: ${error.message}` });
    return null;
  }

  const base = { trail: checkpoint.trail, sequence: null, location, treeSize: checkpoint.tree_size, keyId: checkpoint.key_id };
  const status = checkSignature(checkpoint, keyring);
  if (status === 'unknown_key') {
    report({ ...base, kind: 'unknown_key', message: `${where} (trail ${checkpoint.trail}, tree size ${checkpoint.tree_size}) is signed by key ${checkpoint.key_id}, which is not in the keyring; it is ignored` });
    return null;
  }
  if (status === 'bad_signature') {
    report({ ...base, kind: 'bad_signature', message: `${where} (trail ${checkpoint.trail}, tree size ${checkpoint.tree_size}) has an invalid signature for key ${checkpoint.key_id}: it was changed after signing or forged` });
    return null;
  }

  const frontier = checkFrontier(checkpoint);
  if (frontier === 'mismatch') {
    report({ ...base, kind: 'frontier_mismatch', message: `${where} (trail ${checkpoint.trail}, tree size ${checkpoint.tree_size}) has a frontier that does not fold to its signed root; the frontier is ignored` });
  }
  return { checkpoint, location, seen: isSeen, frontierValid: frontier === 'valid' };
}

function reportSameSizeForks(set: TrailCheckpoints, report: (finding: CheckpointFinding) => void): void {
  for (const group of set.groups.values()) {
    if (group.byRoot.size < 2) {
      continue;
    }

    const variants = [...group.byRoot.entries()].map(([root, copies]) => `${root} (${copies.map((copy) => formatLocation(copy.location)).join(', ')})`);
    const first = [...group.byRoot.values()][0]?.[0];
    report({
      kind: 'fork',
      trail: set.trail,
      sequence: null,
      location: first?.location ?? null,
      treeSize: group.size,
      message: `trail ${set.trail} has validly signed checkpoints at tree size ${group.size} with ${group.byRoot.size} different roots: ${variants.join(' and ')}. At most one history is true`,
    });
  }
}

function reportRegression(set: TrailCheckpoints, report: (finding: CheckpointFinding) => void): void {
  if (set.seenMaxSize <= set.listedMaxSize) {
    return;
  }

  const seenGroup = set.groups.get(set.seenMaxSize);
  const seenCopy = [...(seenGroup?.byRoot.values() ?? [])].flat().find((copy) => copy.seen);
  report({
    kind: 'checkpoint_regression',
    trail: set.trail,
    sequence: null,
    location: seenCopy?.location ?? null,
    treeSize: set.seenMaxSize,
    message:
      `${set.listedMaxSize === 0 ? `the checkpoints hold none of trail ${set.trail}` : `the checkpoints of trail ${set.trail} end at tree size ${set.listedMaxSize}`}, ` +
      `but a checkpoint of tree size ${set.seenMaxSize} was seen before (${formatLocation(seenCopy?.location)}): newer checkpoints were removed or withheld`,
  });
}
