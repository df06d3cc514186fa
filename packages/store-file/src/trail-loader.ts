import { entryFromWire, parseLosslessJson, type AuditEntry } from '@auditgate/core';
import { FileStoreCorruptError } from './errors.js';
import { readLineFile, type Durability, type LineFile } from './files.js';
import { readUnterminatedEntry, settleLastLine } from './last-line.js';
import { TrailIndex, type IdPair } from './trail-index.js';
import { isMetaRecord, parseMeta } from './trail-meta.js';

/** The two files of one trail. */
export interface TrailPaths {
  readonly entries: string;
  readonly meta: string;
}

export interface LoadOptions {
  readonly maxIds: number;
  /** Whether to cut a torn last line off the files; only the directory's writer may. */
  readonly repair: boolean;
  readonly durability: Durability;
}

/**
 * Reads one trail's files into a {@link TrailIndex}. Entries at or below the anchor are skipped:
 * a prune that stopped after recording its anchor left them behind.
 *
 * A file's last line without its newline is kept when it is whole. In the entries file, that is
 * an entry that continues the tail as an append would, and in the meta file a meta record. The
 * writer then appends the missing newline. Otherwise the line is torn, left by a process killed
 * mid-write: it is never indexed, and the writer cuts it off the file. A read-only store
 * changes neither file.
 *
 * @throws {FileStoreCorruptError} on a complete line that is not a valid entry of this trail, or
 *   on entries that do not continue one another (sequence gap, ts going back) or the anchor.
 */
export async function loadTrail(trail: string, paths: TrailPaths, options: LoadOptions): Promise<TrailIndex> {
  const index = new TrailIndex(trail, options.maxIds);

  // Entries first: the writer records a prune's anchor before it rewrites the entries, so meta
  // read afterwards is at least as new as the entries, even while a writer is at work.
  const entryFile = await readLineFile(paths.entries);
  if (entryFile === null) return index;
  const metaFile = await readLineFile(paths.meta);

  const keepMetaLine = metaFile !== null && metaFile.tornBytes > 0 && isMetaRecord(metaFile.unterminated);
  const metaLines = metaFile === null ? [] : [...metaFile.lines];
  let metaBytes = metaFile?.completeBytes ?? 0;
  if (keepMetaLine) {
    metaLines.push(metaFile.unterminated);
    metaBytes += metaFile.tornBytes + 1;
  }
  const meta = parseMeta(metaLines, paths.meta);
  index.fileExists = true;
  index.anchor = meta.anchor;
  index.metaBytes = metaBytes;
  index.metaIdCount = meta.ids.length;

  readEntries(index, entryFile, paths.entries);
  index.tail = index.tail ?? meta.anchor;
  index.entryBytes = entryFile.completeBytes;
  const keepEntryLine = entryFile.tornBytes > 0 && addUnterminatedEntry(index, entryFile);

  // Only after every line was read: a corrupt file is left as it is, for the person who repairs it.
  if (options.repair) {
    await settleLastLine(paths.entries, entryFile, keepEntryLine, options.durability);
    if (metaFile !== null) await settleLastLine(paths.meta, metaFile, keepMetaLine, options.durability);
  }
  index.rememberIds(storedIds(meta.ids, index));
  return index;
}

// Returns whether the unterminated line is a whole entry to keep. Its size counts the newline
// the writer appends, which a read-only store never writes but also never needs.
function addUnterminatedEntry(index: TrailIndex, file: LineFile): boolean {
  const entry = readUnterminatedEntry(index, file.unterminated);
  if (entry === null) return false;
  if (entry === 'pruned') {
    index.entryBytes += file.tornBytes + 1;
    return true;
  }
  index.addEntries([deepFreeze(entry)], [file.tornBytes + 1]);
  return true;
}

function readEntries(index: TrailIndex, file: LineFile, path: string): void {
  const anchor = index.anchor;
  let previous: AuditEntry | null = null;

  for (let i = 0; i < file.lines.length; i++) {
    const fail = (problem: string, cause?: unknown): never => {
      throw new FileStoreCorruptError(path, i + 1, problem, { cause });
    };
    let entry: AuditEntry;
    try {
      entry = entryFromWire(parseLosslessJson(file.lines[i]!));
    } catch (error) {
      return fail(`the line is not a valid entry (${(error as Error).message})`, error);
    }
    if (entry.trail !== index.trail) fail(`the entry belongs to trail ${JSON.stringify(entry.trail)}`);
    if (anchor !== null && entry.sequence <= anchor.sequence) continue;

    // Without an anchor the trail starts at 0; after a prune it continues from the anchor.
    let expected = anchor === null ? 0 : anchor.sequence + 1;
    if (previous !== null) expected = previous.sequence + 1;
    if (entry.sequence !== expected) {
      fail(`expected sequence ${expected}, found ${entry.sequence}; entries are missing or repeated`);
    }
    if (previous !== null && entry.ts < previous.ts) fail(`ts ${entry.ts} is below the previous entry's ${previous.ts}`);

    index.entries.push(deepFreeze(entry));
    index.offsets.push(file.offsets[i]!);
    previous = entry;
  }

  if (previous !== null) index.tail = { sequence: previous.sequence, entryHash: previous.entryHash, ts: previous.ts };
}

// Keeps the ids of stored entries only. A later line for a sequence replaces an earlier one,
// whose append failed after writing its ids.
function storedIds(pairs: readonly IdPair[], index: TrailIndex): IdPair[] {
  const first = index.entries[0]?.sequence ?? Infinity;
  const last = index.tail?.sequence ?? -1;
  const bySequence = new Map<number, string>();
  for (const [sequence, id] of pairs) {
    if (sequence >= first && sequence <= last) bySequence.set(sequence, id);
  }
  return [...bySequence].sort((a, b) => a[0] - b[0]);
}

/** Freezes a parsed entry and everything in it, so that callers cannot change the index. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
