import { checkAppend, entryFromWire, parseLosslessJson, StoreConflictError, type AuditEntry } from '@auditgate/core';
import { appendToFile, truncateFile, type Durability, type LineFile } from './files.js';
import type { TrailIndex } from './trail-index.js';

const NEWLINE = Buffer.from('\n', 'utf8');

/**
 * Reads the text after an entries file's last newline as the next entry of the trail. Returns
 * the entry when the text is a whole entry that continues the index's tail as an append would
 * (trail, next sequence, prev_hash, ts). Returns `'pruned'` for a whole entry at or below the
 * anchor, which is skipped like a complete line would be. Returns null when the text does not
 * parse as an entry, because its write was cut off, or when the entry does not continue the tail.
 */
export function readUnterminatedEntry(index: TrailIndex, text: string): AuditEntry | 'pruned' | null {
  let entry: AuditEntry;
  try {
    entry = entryFromWire(parseLosslessJson(text));
  } catch {
    // A JsonSyntaxError or ValidationError: the text is part of a line, not a whole entry.
    return null;
  }
  if (entry.trail !== index.trail) return null;
  if (index.anchor !== null && entry.sequence <= index.anchor.sequence) return 'pruned';

  try {
    checkAppend(index.trail, index.tail, [{ id: '', entry }]);
  } catch (error) {
    if (error instanceof StoreConflictError) return null;
    throw error;
  }
  return entry;
}

/**
 * Ends a file on a complete line: appends the newline that a whole last line lost, or cuts off
 * a last line whose write was cut off, so that the next append starts on a line of its own.
 */
export async function settleLastLine(path: string, file: LineFile, keep: boolean, durability: Durability): Promise<void> {
  if (file.tornBytes === 0) return;
  if (keep) await appendToFile(path, NEWLINE, file.completeBytes + file.tornBytes, durability);
  else await truncateFile(path, file.completeBytes, durability);
}
