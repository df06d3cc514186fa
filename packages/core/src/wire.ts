import { Severity, Verdict } from './enums.js';
import { SCHEMA_VERSION, type AuditEntry } from './entry.js';
import { ValidationError } from './errors.js';
import { isHexDigest } from './hex.js';
import { canonicalJson } from './json/canonical.js';
import type { JsonObject, JsonValue } from './json/json-value.js';
import { LosslessNumber, pyFloat } from './json/lossless-number.js';

/** The serialized form of an entry, with the snake_case keys the Python implementation uses. */
export interface WireEntry extends JsonObject {
  schema_version: string;
  trail: string;
  ts: LosslessNumber | number;
  wall_ts: string;
  verdict: string;
  severity: string;
  gate_type: string;
  gate_identity: string;
  recorded_by: string;
  reason: string | null;
  detail: JsonObject;
  entry_hash: string | null;
  prev_hash: string | null;
  sequence: number;
}


/** The keys of a serialized entry, exactly: the wire contract shared with the Python gate family. */
export const WIRE_KEYS: readonly string[] = Object.freeze([
  'schema_version',
  'trail',
  'ts',
  'wall_ts',
  'verdict',
  'severity',
  'gate_type',
  'gate_identity',
  'recorded_by',
  'reason',
  'detail',
  'entry_hash',
  'prev_hash',
  'sequence',
]);

/** Converts an entry to its wire form; `ts` becomes a Python float so `1000` stays `1000.0`. */
export function entryToWire(entry: AuditEntry): WireEntry {
  return {
    schema_version: entry.schemaVersion,
    trail: entry.trail,
    ts: pyFloat(entry.ts),
    wall_ts: entry.wallTs,
    verdict: entry.verdict,
    severity: entry.severity,
    gate_type: entry.gateType,
    gate_identity: entry.gateIdentity,
    recorded_by: entry.recordedBy,
    reason: entry.reason,
    detail: entry.detail,
    entry_hash: entry.entryHash,
    prev_hash: entry.prevHash,
    sequence: entry.sequence,
  };
}

/**
 * Serializes an entry as one line of ASCII JSON that Python's json module reads back to values
 * which re-serialize to the same hash.
 */
export function serializeEntry(entry: AuditEntry): string {
  return canonicalJson(entryToWire(entry), 'entry');
}

/**
 * Reads an entry from its wire form, checking the type of every field. `schema_version` may be
 * absent, as the wire contract allows. Number spellings are not kept: use the wire object itself,
 * with `hashWireEntry`, to verify an entry that another implementation wrote.
 *
 * @throws {ValidationError} naming the first missing or mistyped field.
 */
export function entryFromWire(wire: unknown): AuditEntry {
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) {
    throw new ValidationError('entry', 'expected a JSON object', 'MALFORMED_ENTRY');
  }
  const record = wire as Record<string, JsonValue | undefined>;

  // Each field is read by name here, not through a shared helper that indexes by a variable
  // key: V8 then keeps every property load monomorphic, which makes this several times faster.
  return {
    schemaVersion: record.schema_version === undefined ? SCHEMA_VERSION : string(record.schema_version, 'schema_version'),
    trail: trailText(record.trail),
    ts: number(record.ts, 'ts'),
    wallTs: string(record.wall_ts, 'wall_ts'),
    verdict: enumField<Verdict>(VERDICTS, record.verdict, 'verdict'),
    severity: enumField<Severity>(SEVERITIES, record.severity, 'severity'),
    gateType: string(record.gate_type, 'gate_type'),
    gateIdentity: string(record.gate_identity, 'gate_identity'),
    recordedBy: string(record.recorded_by, 'recorded_by'),
    reason: record.reason === null ? null : string(record.reason, 'reason'),
    detail: object(record.detail, 'detail'),
    entryHash: hash(record.entry_hash, 'entry_hash'),
    prevHash: hash(record.prev_hash, 'prev_hash'),
    sequence: sequence(record.sequence),
  };
}

function fail(field: string, message: string): never {
  throw new ValidationError(field, message, 'MALFORMED_ENTRY');
}

function describe(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof LosslessNumber) return `the number ${value.text}`;
  return `${typeof value} ${JSON.stringify(value)}`.slice(0, 80);
}

function string(value: JsonValue | undefined, field: string): string {
  if (typeof value !== 'string') fail(field, `expected a string, got ${describe(value)}`);
  return value;
}

// The pattern that readers of the wire format expect of a trail string. Unlike the Trail class it
// allows any namespace without a colon, as the Python side does.
const TRAIL_PATTERN = /^[^:]+:[^@]+@.+$/;
// C0 and C1 controls and DEL, which a terminal would act on instead of showing.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function trailText(value: JsonValue | undefined): string {
  const trail = string(value, 'trail');
  if (!TRAIL_PATTERN.test(trail) || CONTROL.test(trail)) {
    fail('trail', `${describe(trail)} is not a trail string of the form namespace:source@principal without control characters`);
  }
  return trail;
}

function number(value: JsonValue | undefined, field: string): number {
  const numeric = value instanceof LosslessNumber ? value.valueOf() : value;
  if (typeof numeric !== 'number' || !Number.isFinite(numeric)) {
    fail(field, `expected a finite number, got ${describe(value)}`);
  }
  return numeric;
}

function object(value: JsonValue | undefined, field: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof LosslessNumber) {
    fail(field, `expected an object, got ${describe(value)}`);
  }
  return value;
}

function hash(value: JsonValue | undefined, field: string): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || !isHexDigest(value)) {
    fail(field, `expected 64 lowercase hex characters or null, got ${describe(value)}`);
  }
  return value;
}

const VERDICTS: ReadonlySet<string> = new Set(Object.values(Verdict));
const SEVERITIES: ReadonlySet<string> = new Set(Object.values(Severity));

function enumField<T extends string>(accepted: ReadonlySet<string>, value: JsonValue | undefined, field: string): T {
  if (typeof value === 'string' && accepted.has(value)) return value as T;
  return fail(field, `expected one of ${[...accepted].join(', ')}, got ${describe(value)}`);
}

function sequence(value: JsonValue | undefined): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail('sequence', `expected an integer from 0 to 2**53-1, got ${describe(value)}`);
  }
  return value;
}
