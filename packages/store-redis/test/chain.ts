import { hashEntry, type AuditEntry } from '@auditgate/core';

/**
 * Lists what is wrong with a CHAIN trail read in sequence order. It reports a sequence that does
 * not follow the previous one, a hash that does not match the entry, a prev_hash that does not
 * name the previous entry's hash, and a ts that goes down. An empty list means the chain verifies.
 * `firstSequence` is where the entries must start (0 unless pruned).
 */
export function chainProblems(entries: readonly AuditEntry[], firstSequence = 0): string[] {
  const problems: string[] = [];
  let previous: AuditEntry | undefined;
  for (const [i, entry] of entries.entries()) {
    const expected = firstSequence + i;
    if (entry.sequence !== expected) problems.push(`entry ${i}: sequence ${entry.sequence}, expected ${expected}`);
    if (hashEntry(entry) !== entry.entryHash) problems.push(`entry ${i}: entry_hash does not match its fields`);
    if (previous !== undefined) {
      if (entry.prevHash !== previous.entryHash) problems.push(`entry ${i}: prev_hash does not name entry ${i - 1}`);
      if (entry.ts < previous.ts) problems.push(`entry ${i}: ts ${entry.ts} is below ${previous.ts}`);
    }
    previous = entry;
    if (problems.length > 20) break;
  }
  return problems;
}
