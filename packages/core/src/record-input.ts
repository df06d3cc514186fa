import { assertEnum, Severity, Verdict } from './enums.js';
import { ValidationError } from './errors.js';
import { canonicalJson } from './json/canonical.js';
import type { JsonObject } from './json/json-value.js';
import { LosslessNumber } from './json/lossless-number.js';
import type { Trail } from './trail.js';
import type { TrailCache } from './trail-cache.js';

/** Largest canonical JSON form of an entry's detail, in bytes (always ASCII, so also characters). */
export const MAX_DETAIL_BYTES = 256 * 1024;

/** What a caller records. Severity defaults to INFO, reason to null and detail to `{}`. */
export interface RecordInput {
  readonly trail: Trail | string;
  readonly verdict: Verdict;
  readonly severity?: Severity;
  /** Which kind of gate decided, such as `actiongate`. */
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

  const detail = input.detail ?? EMPTY_DETAIL;
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail) || detail instanceof LosslessNumber) {
    throw new ValidationError('detail', `expected a plain JSON object, got ${Array.isArray(detail) ? 'an array' : typeof detail}`);
  }
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
    detail: detail === EMPTY_DETAIL ? EMPTY_DETAIL : (freezeCopy(detail) as JsonObject),
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

// Runs after canonicalJson accepted the value, so it only meets plain JSON.
function freezeCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || value instanceof LosslessNumber) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(freezeCopy));

  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = freezeCopy((value as Record<string, unknown>)[key]);
    if (key === '__proto__') {
      Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    } else {
      copy[key] = item;
    }
  }
  return Object.freeze(copy);
}
