/**
 * @auditgate/core: tamper-evident audit trails for gate decisions, with entries and hashes that
 * match the Python implementation byte for byte.
 *
 * @module
 */
export { Trail } from './trail.js';
export { Verdict, Severity, Mode, OnStoreError, Integrity, severityRank, assertEnum } from './enums.js';
export { auditPolicy, DEFAULT_POLICY, type AuditPolicy } from './policy.js';
export { SCHEMA_VERSION, type AuditEntry } from './entry.js';
export { entryToWire, entryFromWire, serializeEntry, WIRE_KEYS, type WireEntry } from './wire.js';
export {
  sha256Hex,
  canonicalEntry,
  hashEntry,
  canonicalWireEntry,
  hashWireEntry,
  type HashedFields,
} from './hash.js';
export { AuditgateError, ValidationError } from './errors.js';
export { AuditError, type Decision, type DecisionStatus, type DropReason } from './decision.js';
export { Result } from './result.js';
export { Engine, type EngineOptions, type GuardInput, type DecisionListener } from './engine.js';
export type { Pruner } from './retention.js';
export { MAX_DETAIL_BYTES, type RecordInput } from './record-input.js';
export {
  StoreConflictError,
  type Store,
  type TrailTail,
  type TrailAnchor,
  type AppendRecord,
  type QueryFilter,
} from './store.js';
export { checkFilter, matchesFilter, compareEntries, type CheckedFilter } from './query.js';
export { checkAppend } from './append-check.js';
export { firstIndexAtOrAfter, indexOfSequence } from './trail-index.js';
export { systemClock, type Clock } from './clock.js';
export { canonicalJson, MAX_JSON_DEPTH } from './json/canonical.js';
export { parseLosslessJson, JsonSyntaxError, MAX_PARSE_DEPTH } from './json/parse.js';
export { LosslessNumber, pyFloat, pyInt, type NumberKind } from './json/lossless-number.js';
export { formatPyFloat } from './json/py-float.js';
export { quotePyString, compareCodePoints } from './json/escape.js';
export type { JsonValue, JsonObject } from './json/json-value.js';

// --- Verification (packages/core/src/verify/, owned by the verifier and CLI work) ---
export {
  Verifier,
  verifyEntries,
  FINDING_KINDS,
  formatLocation,
  type VerifyEntriesOptions,
  type EntryLocation,
  type Finding,
  type FindingKind,
  type VerifierOptions,
  type VerifiedEntry,
  type VerifyAnchor,
  type TrailReport,
  type VerifyReport,
} from './verify/index.js';
// --- end of verification exports ---
