import { parseLosslessJson, entryFromWire, serializeEntry, type AppendRecord, type AuditEntry, type TrailAnchor } from '@auditgate/core';
import { dirname } from 'node:path';
import { appendToFile, readRange, removeFile, replaceFile, syncDirectory, type Durability } from './files.js';
import { deepFreeze, type TrailPaths } from './trail-loader.js';
import type { IdPair, TrailIndex } from './trail-index.js';
import { anchorLine, idsLine } from './trail-meta.js';

/** Write settings of a store: when data reaches the disk, and how many record ids each trail keeps. */
export interface WriteSettings {
  readonly durability: Durability;
  readonly recentIds: number;
}

/**
 * Writes records that {@link TrailIndex.freshRecords} accepted, then adds them to the index.
 * Their ids go to the meta file first, then their entries to the entries file in one write. On
 * failure both files are cut back where possible, and the caller must reload the index from disk.
 */
export async function appendRecords(index: TrailIndex, fresh: readonly AppendRecord[], paths: TrailPaths, settings: WriteSettings): Promise<void> {
  const lines = fresh.map((record) => `${serializeEntry(record.entry)}\n`);
  const pairs: IdPair[] = fresh.map((record) => [record.entry.sequence, record.id]);
  const creating = !index.fileExists;

  // A meta file without an entries file is left from a clear or a first append that stopped.
  if (creating) {
    await removeFile(paths.meta);
    index.metaBytes = 0;
    index.metaIdCount = 0;
  } else if (index.metaIdCount + pairs.length > 2 * settings.recentIds) {
    await rewriteMeta(index, index.anchor, index.idPairs(), paths, settings);
  }

  const idsText = Buffer.from(idsLine(pairs), 'utf8');
  await appendToFile(paths.meta, idsText, index.metaBytes, 'none');
  const entriesText = Buffer.from(lines.join(''), 'utf8');
  await appendToFile(paths.entries, entriesText, index.entryBytes, settings.durability);
  if (creating && settings.durability === 'fsync') await syncDirectory(dirname(paths.entries));

  index.metaBytes += idsText.length;
  index.metaIdCount += pairs.length;
  index.addEntries(
    fresh.map((record, i) => storedEntry(record.entry, lines[i]!)),
    lines.map((line) => Buffer.byteLength(line, 'utf8')),
  );
  index.rememberIds(pairs);
}

/**
 * Removes the entries with ts < `before` and returns how many went. The anchor and the remaining
 * ids go to a new meta file first; then the entries file is rewritten from the first kept line.
 * Both files are replaced atomically, and a crash between the two leaves entries that the next
 * load skips because they are at or below the anchor.
 */
export async function pruneEntries(index: TrailIndex, before: number, paths: TrailPaths, settings: WriteSettings): Promise<number> {
  const count = index.firstAtOrAfter(before);
  if (count === 0) return 0;

  const last = index.entries[count - 1]!;
  const anchor: TrailAnchor = { sequence: last.sequence, entryHash: last.entryHash, ts: last.ts };
  const kept = index.idPairs().filter(([sequence]) => sequence > anchor.sequence);
  await rewriteMeta(index, anchor, kept, paths, settings);

  const keptFrom = index.offsets[count] ?? index.entryBytes;
  const rest = await readRange(paths.entries, keptFrom, index.entryBytes - keptFrom);
  await replaceFile(paths.entries, rest, settings.durability);

  index.dropPruned(count, anchor);
  return count;
}

/** Deletes a trail's files: entries first, so that a crash in between leaves no trail behind. */
export async function removeTrail(paths: TrailPaths, settings: WriteSettings): Promise<void> {
  await removeFile(paths.entries);
  await removeFile(paths.meta);
  if (settings.durability === 'fsync') await syncDirectory(dirname(paths.entries));
}

async function rewriteMeta(index: TrailIndex, anchor: TrailAnchor | null, pairs: readonly IdPair[], paths: TrailPaths, settings: WriteSettings): Promise<void> {
  const text = (anchor === null ? '' : anchorLine(anchor)) + (pairs.length === 0 ? '' : idsLine(pairs));
  const bytes = Buffer.from(text, 'utf8');
  await replaceFile(paths.meta, bytes, settings.durability);
  index.metaBytes = bytes.length;
  index.metaIdCount = pairs.length;
}

// The engine hands over frozen entries, which the index can keep as they are. Any other entry
// is read back from its line, so that a caller changing its object later cannot change the index.
function storedEntry(entry: AuditEntry, line: string): AuditEntry {
  if (Object.isFrozen(entry) && Object.isFrozen(entry.detail)) return entry;
  return deepFreeze(entryFromWire(parseLosslessJson(line)));
}
