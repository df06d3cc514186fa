import { formatLocation, type EntryLocation } from '@auditgate/core';

import type { SizeGroup } from './checkpoint-set.js';
import type { CheckpointFinding } from './finding.js';

/** Sequences `from` to `to` that the sequence fields skipped, and where the jump was seen. */
export interface SequenceGap {
  readonly from: number;
  readonly to: number;
  readonly location: EntryLocation | null;
}

/** A trail that starts after sequence 0 without a prune checkpoint allowing it. */
export interface HeadGap {
  readonly sequence: number;
  readonly location: EntryLocation | null;
  readonly firstCheckpoint: SizeGroup | null;
  readonly lastPrune: number | null;
}

/** The entries since the last verified tree size, as far as their sequence fields tell. */
export interface Stretch {
  /** Location of the first of them. */
  start: EntryLocation | null;
  /** The first jump in the sequence fields. */
  gap: SequenceGap | null;
  /** Whether a sequence field went back or repeated. */
  backStep: boolean;
}

/** A checkpoint whose root the entries did not give. */
export interface Mismatch {
  readonly group: SizeGroup;
  readonly computedRoot: string;
  /** The tree size last verified before it; the difference lies at or after this position. */
  readonly from: number;
  readonly stretch: Stretch;
}

/** Everything a trail check saw, for {@link describeTrailFindings}. */
export interface TrailObservations {
  readonly trail: string;
  readonly entries: number;
  readonly unchecked: number;
  /** Leaves in the trail's tree, or null when no tree could be started. */
  readonly treeSize: number | null;
  readonly maxSize: number;
  readonly maxSequence: number;
  readonly largestMatch: number | null;
  readonly head: HeadGap | null;
  readonly firstGap: SequenceGap | null;
  readonly mismatches: readonly Mismatch[];
  readonly firstUncovered: EntryLocation | null;
  readonly firstLocation: EntryLocation | null;
  readonly latestCheckpoint: SizeGroup | null;
}

/** Turns what a trail check saw into findings: missing head, mismatches and forks, missing tail, unanchored entries. */
export function describeTrailFindings(seen: TrailObservations): CheckpointFinding[] {
  const findings: CheckpointFinding[] = [];
  const { trail } = seen;

  if (seen.head !== null) {
    findings.push(headFinding(seen, seen.head));
  }

  // A checkpoint the entries miss while a larger one matches signs a different history than
  // the larger one: the larger root commits to every entry the smaller covers.
  for (const mismatch of seen.mismatches.filter((candidate) => seen.largestMatch !== null && candidate.group.size < seen.largestMatch)) {
    findings.push({
      kind: 'fork',
      trail,
      sequence: null,
      location: where(mismatch.group),
      treeSize: mismatch.group.size,
      message:
        `the ${checkpointName(mismatch.group)} signs root ${rootsOf(mismatch.group)} for the first ${mismatch.group.size} entries of trail ${trail}, ` +
        `but the entries give ${mismatch.computedRoot} there and match the later checkpoint at tree size ${seen.largestMatch}: the two checkpoints sign different histories`,
    });
  }

  const unmatched = seen.mismatches.filter((candidate) => seen.largestMatch === null || candidate.group.size > seen.largestMatch);
  const first = unmatched[0];
  if (first !== undefined) {
    findings.push(mismatchFinding(trail, first, unmatched.length - 1));
  }

  if (seen.treeSize !== null && seen.treeSize < seen.maxSize) {
    const alreadyMissing = findings.some((finding) => finding.kind === 'missing_entries');
    if (!alreadyMissing || seen.maxSequence + 1 < seen.maxSize) {
      findings.push(tailFinding(seen, seen.treeSize));
    }
  }

  const unanchored = unanchoredFinding(seen);
  if (unanchored !== null) {
    findings.push(unanchored);
  }
  return findings;
}

function headFinding(seen: TrailObservations, head: HeadGap): CheckpointFinding {
  const covering = head.firstCheckpoint === null ? '' : ` (the ${checkpointName(head.firstCheckpoint)} covers entries from sequence 0)`;
  const prune = head.lastPrune === null ? 'no prune checkpoint allows removing any' : `the last prune checkpoint allows removing entries below ${head.lastPrune} only`;
  const rest =
    seen.unchecked > 0
      ? `; ${seen.unchecked} of its ${seen.entries} entries could not be checked, because no checkpoint frontier marks where they start`
      : '; its remaining entries are checked from the checkpoint frontier there';
  return {
    kind: 'missing_entries',
    trail: seen.trail,
    sequence: 0,
    location: head.location,
    message: `trail ${seen.trail} starts at sequence ${head.sequence}, so entries 0 to ${head.sequence - 1} are missing${covering}, and ${prune}${rest}`,
  };
}

function mismatchFinding(trail: string, mismatch: Mismatch, laterCount: number): CheckpointFinding {
  const later = laterCount > 0 ? `; ${laterCount} later checkpoint${laterCount === 1 ? ' does' : 's do'} not match either` : '';
  const checkpoint = checkpointName(mismatch.group);
  const base = { trail, sequence: mismatch.from, treeSize: mismatch.group.size };

  const { gap, backStep, start } = mismatch.stretch;
  if (gap !== null && !backStep) {
    return {
      ...base,
      kind: 'missing_entries',
      location: gap.location,
      message:
        `entries ${gap.from} to ${gap.to} of trail ${trail} are missing (the sequence jumps to ${gap.to + 1} at ${formatLocation(gap.location)}), ` +
        `so the first ${mismatch.group.size} entries present do not give the root that the ${checkpoint} signed${later}`,
    };
  }

  return {
    ...base,
    kind: 'root_mismatch',
    location: start,
    message:
      `the first ${mismatch.group.size} entries of trail ${trail} give root ${mismatch.computedRoot}, but the ${checkpoint} signed ${rootsOf(mismatch.group)}: ` +
      `an entry at position ${mismatch.from} to ${mismatch.group.size - 1} (from ${formatLocation(start)} on) was changed, inserted, removed, ` +
      `duplicated or moved${later}`,
  };
}

function tailFinding(seen: TrailObservations, treeSize: number): CheckpointFinding {
  const checkpoint = seen.latestCheckpoint;
  const gap = seen.firstGap === null ? '' : ` (the sequence jumps over ${seen.firstGap.from} to ${seen.firstGap.to} at ${formatLocation(seen.firstGap.location)})`;
  return {
    kind: 'missing_entries',
    trail: seen.trail,
    sequence: treeSize,
    location: checkpoint === null ? null : where(checkpoint),
    treeSize: seen.maxSize,
    message:
      `the ${checkpoint === null ? `checkpoint of tree size ${seen.maxSize}` : checkpointName(checkpoint)} covers ${seen.maxSize} entries of trail ${seen.trail}, ` +
      `but only ${treeSize} are present${gap}: entries ${treeSize} to ${seen.maxSize - 1} of the signed tree are gone`,
  };
}

function unanchoredFinding(seen: TrailObservations): CheckpointFinding | null {
  if (seen.treeSize === null) {
    if (seen.maxSize > 0) {
      return null;
    }
    return noCheckpoint(seen, seen.entries, seen.firstLocation);
  }
  if (seen.treeSize <= seen.maxSize) {
    return null;
  }

  // After a mismatch, positions no longer match sequences (a duplicate shifts every later
  // entry), so only entries whose sequence field lies beyond the last checkpoint count.
  const unmatched = seen.mismatches.some((mismatch) => seen.largestMatch === null || mismatch.group.size > seen.largestMatch);
  const count = unmatched ? seen.maxSequence + 1 - seen.maxSize : seen.treeSize - seen.maxSize;
  if (count <= 0) {
    return null;
  }
  if (seen.maxSize === 0) {
    return noCheckpoint(seen, count, seen.firstLocation);
  }
  return {
    kind: 'unanchored',
    trail: seen.trail,
    sequence: seen.maxSize,
    location: seen.firstUncovered,
    message:
      `${count} ${count === 1 ? 'entry' : 'entries'} of trail ${seen.trail} at positions ${seen.maxSize} to ${seen.maxSize + count - 1} ` +
      `(from ${formatLocation(seen.firstUncovered)} on) come after its last valid checkpoint (tree size ${seen.maxSize}): no checkpoint covers them, so they are unverified`,
  };
}

function noCheckpoint(seen: TrailObservations, count: number, location: EntryLocation | null): CheckpointFinding {
  return {
    kind: 'unanchored',
    trail: seen.trail,
    sequence: 0,
    location,
    message: `trail ${seen.trail} has no valid checkpoint, so none of its ${count} ${count === 1 ? 'entry is' : 'entries are'} verified`,
  };
}

function checkpointName(group: SizeGroup): string {
  const location = where(group);
  return `checkpoint of tree size ${group.size}${location === null ? '' : ` (${formatLocation(location)})`}`;
}

function where(group: SizeGroup): EntryLocation | null {
  return [...group.byRoot.values()][0]?.[0]?.location ?? null;
}

function rootsOf(group: SizeGroup): string {
  return [...group.byRoot.keys()].join(' or ');
}
