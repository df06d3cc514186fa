import * as crypto from 'node:crypto';
import type { AuditEntry } from './entry.js';
import { isHexDigest } from './hex.js';
import { canonicalJson } from './json/canonical.js';
import { quotePyString } from './json/escape.js';
import type { JsonValue } from './json/json-value.js';
import { formatPyFloat } from './json/py-float.js';

// crypto.hash is the one-shot digest of Node 20.12 and later; it skips the Hash object.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** Returns the lowercase hex SHA-256 of an ASCII string, such as a canonical entry. */
export function sha256Hex(text: string): string {
  if (oneShot !== undefined) return oneShot('sha256', text, 'hex');
  return crypto.createHash('sha256').update(text, 'latin1').digest('hex');
}

/** The fields of an entry that its hash covers. */
export type HashedFields = Omit<AuditEntry, 'entryHash' | 'wallTs' | 'recordedBy' | 'schemaVersion'>;

/**
 * Returns the exact string that an entry's hash covers: the canonical JSON of trail, ts, verdict,
 * severity, gate_type, gate_identity, reason, detail and sequence, plus prev_hash when the entry
 * has one. `ts` is written as a Python float, which is how this project writes it on the wire.
 * Pass `detailJson` when the detail's canonical JSON is already at hand.
 */
export function canonicalEntry(entry: HashedFields, detailJson = canonicalJson(entry.detail, 'detail')): string {
  return assemble(
    detailJson,
    quoteCached(entry.gateIdentity),
    quoteCached(entry.gateType),
    // A hash is lowercase hex, which needs no escaping.
    entry.prevHash === null ? null : isHexDigest(entry.prevHash) ? `"${entry.prevHash}"` : quotePyString(entry.prevHash),
    entry.reason === null ? 'null' : quoteCached(entry.reason),
    String(entry.sequence),
    quoteCached(entry.severity),
    quoteCached(entry.trail),
    formatPyFloat(entry.ts),
    quoteCached(entry.verdict),
  );
}

// Trails, gate identities and reasons repeat from entry to entry, so their quoted forms are
// kept. The cache starts over when full, which only costs re-quoting.
const MAX_QUOTED = 4096;
const quoted = new Map<string, string>();

function quoteCached(text: string): string {
  let result = quoted.get(text);
  if (result === undefined) {
    result = quotePyString(text);
    if (quoted.size >= MAX_QUOTED) quoted.clear();
    quoted.set(text, result);
  }
  return result;
}

/** Returns the entry_hash that `entry` should carry. */
export function hashEntry(entry: HashedFields, detailJson?: string): string {
  return sha256Hex(canonicalEntry(entry, detailJson));
}

/**
 * Returns the string the Python reference hashes for a serialized entry read as JSON, with its
 * defaults for missing fields ("" for strings, 0 for ts and sequence, null reason, {} detail).
 * prev_hash is covered whenever it is present and not null, even when it is "".
 * Read the entry with `parseLosslessJson` so that number spellings survive.
 */
export function canonicalWireEntry(wire: Readonly<Record<string, JsonValue | undefined>>): string {
  const prevHash = wire.prev_hash;
  return assemble(
    canonicalField(wire.detail ?? EMPTY_OBJECT, 'detail'),
    canonicalField(wire.gate_identity ?? '', 'gate_identity'),
    canonicalField(wire.gate_type ?? '', 'gate_type'),
    prevHash === null || prevHash === undefined ? null : canonicalField(prevHash, 'prev_hash'),
    canonicalField(wire.reason ?? null, 'reason'),
    canonicalField(wire.sequence ?? 0, 'sequence'),
    canonicalField(wire.severity ?? '', 'severity'),
    canonicalField(wire.trail ?? '', 'trail'),
    canonicalField(wire.ts ?? 0, 'ts'),
    canonicalField(wire.verdict ?? '', 'verdict'),
  );
}

const EMPTY_OBJECT: JsonValue = Object.freeze({}) as JsonValue;

// Top-level fields are mostly strings that repeat from entry to entry, and safe integers, so
// those skip the general serializer.
function canonicalField(value: JsonValue, field: string): string {
  if (typeof value === 'string') return isHexDigest(value) ? `"${value}"` : quoteCached(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value === 0 ? 0 : value);
  return canonicalJson(value, field);
}

/** Returns the SHA-256 of {@link canonicalWireEntry}. */
export function hashWireEntry(wire: Readonly<Record<string, JsonValue | undefined>>): string {
  return sha256Hex(canonicalWireEntry(wire));
}

// The arguments come in the order Python's sort_keys puts the top-level keys.
function assemble(
  detail: string,
  gateIdentity: string,
  gateType: string,
  prevHash: string | null,
  reason: string,
  sequence: string,
  severity: string,
  trail: string,
  ts: string,
  verdict: string,
): string {
  const chained = prevHash === null ? '' : `"prev_hash":${prevHash},`;
  return (
    `{"detail":${detail},"gate_identity":${gateIdentity},"gate_type":${gateType},${chained}` +
    `"reason":${reason},"sequence":${sequence},"severity":${severity},"trail":${trail},"ts":${ts},"verdict":${verdict}}`
  );
}
