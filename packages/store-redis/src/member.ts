import { entryFromWire, parseLosslessJson, serializeEntry, type AuditEntry } from '@auditgate/core';

/** Digits of the sequence prefix; 2**53 - 1 has 16, so every safe sequence fits. */
export const SEQUENCE_DIGITS = 16;

/**
 * Encodes an entry as a member of a trail's entries set: its sequence as 16 zero-padded digits,
 * then its serialized JSON. Redis orders members of equal score by their bytes, so entries that
 * share a ts stay in sequence order, and every member is unique.
 */
export function encodeMember(entry: AuditEntry): string {
  return String(entry.sequence).padStart(SEQUENCE_DIGITS, '0') + serializeEntry(entry);
}

/**
 * Decodes a member written by {@link encodeMember}. The JSON is read with `parseLosslessJson`,
 * so number spellings in `detail` (such as `5.0`) survive and the entry hash still verifies.
 *
 * @throws {ValidationError} when the stored JSON is not a valid entry.
 * @throws {JsonSyntaxError} when the stored text is not JSON.
 */
export function decodeMember(member: string): AuditEntry {
  return entryFromWire(parseLosslessJson(member.slice(SEQUENCE_DIGITS)));
}

/** Reads the sequence from a member's prefix without parsing its JSON. */
export function memberSequence(member: string): number {
  return Number(member.slice(0, SEQUENCE_DIGITS));
}
