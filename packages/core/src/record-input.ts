import { assertEnum, Severity, Verdict } from './enums.js';
import { ValidationError } from './errors.js';
import { canonicalJson } from './json/canonical.js';
import type { JsonObject } from './json/json-value.js';
import { LosslessNumber } from './json/lossless-number.js';
import { snapshotJson } from './json/snapshot.js';
import type { Trail } from './trail.js';
import type { TrailCache } from './trail-cache.js';

/** Largest canonical JSON form of an entry's detail, in bytes (always ASCII, so also characters). */
export const MAX_DETAIL_BYTES = 256 * 1024;

/** The input of one record. Severity defaults to INFO, reason to null and detail to `{}`. */
export interface RecordInput {
  readonly trail: Trail | string;
  readonly verdict: Verdict;
  readonly severity?: Severity;
  /** The kind of gate that decided, such as `actiongate`. */
  readonly gateType: string;
  /** The deciding gate's identity string. */
  readonly gateIdentity: string;
  readonly reason?: string | null;
  /** Plain JSON data; the engine keeps a frozen copy, so later changes by the caller do not reach the trail. */
  readonly detail?: JsonObject;
  /** Overrides the engine's `recordedBy` for this entry. */
  readonly recordedBy?: string;
}

/** A checked input with its detail copied, frozen and serialized once. */
export interface PreparedInput {
  readonly trail: Trail;
  readonly verdict: Verdict;
  readonly severity: Severity;
  readonly gateType: string;
  readonly gateIdentity: string;
  readonly reason: string | null;
  readonly detail: JsonObject;
  readonly detailJson: string;
  readonly recordedBy: string;
}

const EMPTY_DETAIL: JsonObject = Object.freeze({}) as JsonObject;

/**
 * Checks every field of a record input.
 *
 * @throws {ValidationError} naming the first bad field; nothing is recorded.
 */
export function prepareInput(input: RecordInput, recordedBy: string, trails: TrailCache): PreparedInput {
  if (typeof input !== 'object' || input === null) {
    throw new ValidationError('input', 'expected an object with trail, verdict, gateType and gateIdentity');
  }

  const given = input.detail ?? EMPTY_DETAIL;
  if (typeof given !== 'object' || given === null || Array.isArray(given) || given instanceof LosslessNumber) {
    throw new ValidationError('detail', `expected a plain JSON object, got ${Array.isArray(given) ? 'an array' : typeof given}`);
  }
  // Hash and store the same frozen copy, so that a getter, a proxy or a later change by the
  // caller cannot make the stored detail differ from what the hash covers.
  const detail = given === EMPTY_DETAIL ? EMPTY_DETAIL : (snapshotJson(given, 'detail') as JsonObject);
  const detailJson = canonicalJson(detail, 'detail');
  if (detailJson.length > MAX_DETAIL_BYTES) {
    throw new ValidationError(
      'detail',
      `is ${detailJson.length} bytes as canonical JSON, above the limit of ${MAX_DETAIL_BYTES}; store large payloads elsewhere and record a reference`,
      'DETAIL_TOO_LARGE',
    );
  }

  return {
    trail: trails.get(input.trail),
    verdict: assertEnum(Verdict, input.verdict, 'verdict'),
    severity: assertEnum(Severity, input.severity ?? Severity.INFO, 'severity'),
    gateType: text(input.gateType, 'gateType'),
    gateIdentity: text(input.gateIdentity, 'gateIdentity'),
    reason: input.reason === undefined || input.reason === null ? null : text(input.reason, 'reason'),
    detail,
    detailJson,
    recordedBy: input.recordedBy === undefined ? recordedBy : text(input.recordedBy, 'recordedBy'),
  };
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string') {
    throw new ValidationError(field, `expected a string, got ${value === null ? 'null' : typeof value}`);
  }
  return value;
}
