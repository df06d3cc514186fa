import type { AuditEntry } from '../entry.js';
import { ValidationError } from '../errors.js';
import { canonicalWireEntry, sha256Hex } from '../hash.js';
import type { JsonObject } from '../json/json-value.js';
import { entryFromWire } from '../wire.js';

/** A value that passed the type checks, with the hash its contents produce. */
export interface ReadEntry {
  readonly ok: true;
  readonly wire: JsonObject;
  readonly entry: AuditEntry;
  readonly canonical: string;
  readonly computedHash: string;
}

/** A value that is not a well-formed entry, with whatever of its position could still be read. */
export interface UnreadableEntry {
  readonly ok: false;
  readonly trail: string | null;
  readonly sequence: number | null;
  readonly field: string;
  readonly message: string;
}

/**
 * Checks the type of every field of a wire entry and computes its hash from the wire form, so
 * that number spellings read by `parseLosslessJson` reach the hash unchanged.
 *
 * @throws only what `entryFromWire` and `canonicalWireEntry` throw besides `ValidationError`,
 *   which is reported as an {@link UnreadableEntry} instead.
 */
export function readEntry(value: unknown): ReadEntry | UnreadableEntry {
  try {
    const entry = entryFromWire(value);
    const wire = value as JsonObject;
    const canonical = canonicalWireEntry(wire);
    return { ok: true, wire, entry, canonical, computedHash: sha256Hex(canonical) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { ok: false, ...readablePosition(value), field: error.field, message: error.message };
  }
}

// A malformed entry whose trail and sequence are intact still takes its place in the trail,
// so that the entries after it are not all reported as gaps.
function readablePosition(value: unknown): { trail: string | null; sequence: number | null } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { trail: null, sequence: null };
  const record = value as Record<string, unknown>;
  const trail = typeof record.trail === 'string' ? record.trail : null;
  const sequence = Number.isSafeInteger(record.sequence) && (record.sequence as number) >= 0 ? (record.sequence as number) : null;
  return { trail, sequence };
}
