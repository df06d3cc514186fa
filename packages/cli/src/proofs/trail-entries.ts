import { LosslessNumber, formatLocation, type EntryLocation, type JsonObject, type JsonValue } from '@auditgate/core';
import { CheckFailedError } from '../errors.js';
import type { CliIo } from '../io.js';
import { openInput } from '../read/open-input.js';
import { readEntries } from '../read/read-entries.js';
import type { LocatedCheckpoint } from './trusted-checkpoints.js';

/** One entry of a trail as read from a log file. */
export interface TrailEntry {
  readonly wire: JsonObject;
  readonly location: EntryLocation;
}

/**
 * Reads the entries of one trail from log files, in the order that a checkpoint's leaves
 * follow: file order for JSON Lines, and sequence order within a JSON array or object, whose
 * element order carries no meaning (the sort is stable, so duplicates stay in document order).
 * Entries of other trails and values that are not objects are skipped.
 *
 * @throws {InputError} when a file cannot be opened or is not JSON.
 */
export async function readTrailEntries(paths: readonly string[], trail: string, io: Pick<CliIo, 'stdin' | 'cwd'>): Promise<TrailEntry[]> {
  const entries: TrailEntry[] = [];
  const accept = (value: JsonValue, location: EntryLocation): TrailEntry | null => {
    const wire = asObject(value);
    return wire !== null && wire.trail === trail ? { wire, location } : null;
  };

  for (const path of paths) {
    const input = await openInput(path, io);
    await readEntries(input, {
      entry(value, location) {
        const entry = accept(value, location);
        if (entry !== null) entries.push(entry);
      },
      document(values, locations) {
        const ofTrail = values.map((value, i) => accept(value, locations[i]!)).filter((entry): entry is TrailEntry => entry !== null);
        entries.push(...ofTrail.sort(bySequence));
      },
    });
  }
  return entries;
}

/** Returns an entry's sequence field when it is a whole number, else null. */
export function sequenceOf(entry: TrailEntry): number | null {
  const sequence = entry.wire.sequence;
  return typeof sequence === 'number' && Number.isSafeInteger(sequence) && sequence >= 0 ? sequence : null;
}

// Entries without a readable sequence go last; subtracting two Infinity keys would give NaN.
function bySequence(a: TrailEntry, b: TrailEntry): number {
  const first = sequenceOf(a) ?? Infinity;
  const second = sequenceOf(b) ?? Infinity;
  if (first === second) return 0;
  return first < second ? -1 : 1;
}

function asObject(value: JsonValue): JsonObject | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof LosslessNumber) return null;
  return value;
}

/**
 * Throws when the log's entries of the trail start above `position`, which a proof needs: those
 * entries were pruned, so no proof that reaches them can be built from this log.
 *
 * @param what names what the proof is about, for the message.
 * @throws {CheckFailedError} `PROOF_ENTRIES_MISSING`.
 */
export function assertNotPruned(entries: readonly TrailEntry[], trail: string, position: number, ofTrail: readonly LocatedCheckpoint[], what: string): void {
  const first = entries[0] === undefined ? null : sequenceOf(entries[0]);
  if (first === null || position >= first) return;

  const prune = ofTrail.find((located) => located.checkpoint.prune === true && located.checkpoint.tree_size === first);
  const behind = prune === undefined ? '' : ` behind the prune checkpoint of tree size ${first} (${formatLocation(prune.location)})`;
  throw new CheckFailedError(
    'PROOF_ENTRIES_MISSING',
    `${what} was pruned: the log's entries of the trail start at sequence ${first}${behind}, so the log no longer holds ` +
      `what the proof needs below ${first}. Build the proof from a log that still holds it, or keep proofs saved with --json before a prune`,
  );
}
