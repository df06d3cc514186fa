import { hashEntry, type AuditEntry, type TrailAnchor } from '@auditgate/core';

/**
 * Lists what breaks the chain of one trail's entries, as read back from a store. A break is an
 * entry hash that differs from core's `hashEntry`, a sequence gap or repeat, a prev_hash that
 * does not name the previous entry's hash, or a ts that goes back. The first entry continues from `anchor`
 * when one is given, and otherwise must have sequence 0. An empty list means the chain holds.
 *
 * Entries without prev_hash (integrity HASH or NONE) are checked for hash, sequence and ts only,
 * unless `options.chained` requires a prev_hash on every entry after sequence 0.
 */
export function findChainBreaks(
  entries: readonly AuditEntry[],
  anchor: TrailAnchor | null = null,
  options: { readonly chained?: boolean } = {},
): string[] {
  const breaks: string[] = [];
  let expectedSequence = anchor === null ? 0 : anchor.sequence + 1;
  let previousHash = anchor?.entryHash ?? null;
  let previousTs = anchor?.ts ?? -Infinity;

  for (const entry of entries) {
    const at = `sequence ${entry.sequence}`;
    if (entry.sequence !== expectedSequence) {
      breaks.push(`${at}: expected sequence ${expectedSequence}`);
    }
    if (entry.entryHash !== null && entry.entryHash !== hashEntry(entry)) {
      breaks.push(`${at}: entry_hash ${entry.entryHash} does not match the entry's fields`);
    }
    if (options.chained === true && entry.sequence > 0 && entry.prevHash === null) {
      breaks.push(`${at}: prev_hash is missing`);
    }
    if (entry.prevHash !== null && entry.prevHash !== previousHash) {
      breaks.push(`${at}: prev_hash ${entry.prevHash} does not name the previous hash ${String(previousHash)}`);
    }
    if (entry.ts < previousTs) {
      breaks.push(`${at}: ts ${entry.ts} is below the previous ts ${previousTs}`);
    }
    expectedSequence = entry.sequence + 1;
    previousHash = entry.entryHash;
    previousTs = entry.ts;
  }
  return breaks;
}
