import type { Severity, Verdict } from './enums.js';
import type { JsonObject } from './json/json-value.js';

/** The schema version this project writes; it is the one the Python implementation writes too. */
export const SCHEMA_VERSION = '0.1.1';

/** One recorded decision. Its wire form ({@link WireEntry}) uses the same fields in snake_case. */
export interface AuditEntry {
  readonly schemaVersion: string;
  /** The trail's string form, `namespace:source@principal`. */
  readonly trail: string;
  /** Seconds since the Unix epoch; never lower than the previous entry's in the same trail. */
  readonly ts: number;
  /** `ts` as ISO 8601 in UTC, for people; outside the entry hash. */
  readonly wallTs: string;
  readonly verdict: Verdict;
  readonly severity: Severity;
  /** Which kind of gate decided, such as `actiongate`. */
  readonly gateType: string;
  /** The deciding gate's identity string. */
  readonly gateIdentity: string;
  /** The service or agent that wrote the entry; may be empty, and is outside the entry hash. */
  readonly recordedBy: string;
  readonly reason: string | null;
  readonly detail: JsonObject;
  /** 64 lowercase hex characters, or null under integrity NONE. */
  readonly entryHash: string | null;
  /** The previous entry's hash under CHAIN integrity; null for a trail's first entry. */
  readonly prevHash: string | null;
  /** 0-based position in the trail, without gaps. */
  readonly sequence: number;
}
