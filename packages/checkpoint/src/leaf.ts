import { canonicalJson, serializeEntry, type AuditEntry } from '@auditgate/core';
import { leafHash } from '@auditgate/merkle';

/**
 * Computes the Merkle leaf hash of a stored entry: the RFC 9162 leaf hash of the canonical JSON
 * of its whole wire form. Unlike the entry hash, it covers every key, including `wall_ts`,
 * `recorded_by`, `schema_version`, `entry_hash` and `prev_hash`.
 */
export function entryLeafHash(entry: AuditEntry): Uint8Array {
  return leafHash(asciiBytes(serializeEntry(entry)));
}

/**
 * Computes the Merkle leaf hash of an entry read from a file, with the same bytes that
 * {@link entryLeafHash} hashes for the entry it was written from. Read the line with
 * `parseLosslessJson`, so that a float such as `1000.0` keeps its spelling.
 *
 * @throws {ValidationError} (from `canonicalJson`) when `wire` is not plain JSON.
 */
export function wireLeafHash(wire: unknown): Uint8Array {
  return leafHash(asciiBytes(canonicalJson(wire, 'entry')));
}

// Canonical JSON escapes everything outside printable ASCII, so one byte per character is exact.
function asciiBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}
