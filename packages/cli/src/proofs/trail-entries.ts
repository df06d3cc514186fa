import { LosslessNumber, type EntryLocation, type JsonObject, type JsonValue } from '@auditgate/core';
import type { CliIo } from '../io.js';
import { openInput } from '../read/open-input.js';
import { readEntries } from '../read/read-entries.js';

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
