import type { TrailAnchor } from '@auditgate/core';
import { FileStoreCorruptError } from './errors.js';
import type { IdPair } from './trail-index.js';

/**
 * A trail's meta file, one JSON object per line:
 * - `{"ids":[[sequence,"record id"],...]}` names the records of one append. It is written before
 *   the entries, so an id whose sequence is above the trail's tail belongs to an append that
 *   failed, and a later line for the same sequence replaces it.
 * - `{"anchor":{"sequence":n,"entry_hash":"..."|null,"ts":t}}` is the last entry pruned so far;
 *   the last such line counts.
 */
export interface TrailMeta {
  readonly anchor: TrailAnchor | null;
  /** Every id pair in file order. */
  readonly ids: IdPair[];
}

/** Returns the meta line that records an append's ids. */
export function idsLine(pairs: readonly IdPair[]): string {
  return `${JSON.stringify({ ids: pairs })}\n`;
}

/** Returns the meta line that records a prune anchor. */
export function anchorLine(anchor: TrailAnchor): string {
  return `${JSON.stringify({ anchor: { sequence: anchor.sequence, entry_hash: anchor.entryHash, ts: anchor.ts } })}\n`;
}

/** One line of a meta file, read. */
type MetaRecord = { readonly ids: IdPair[] } | { readonly anchor: TrailAnchor };

/** The reason a line is not a meta record. */
interface MetaProblem {
  readonly problem: string;
  readonly cause?: unknown;
}

/**
 * Reads the lines of a meta file, in file order.
 *
 * @throws {FileStoreCorruptError} naming the first line that is not a meta record.
 */
export function parseMeta(lines: readonly string[], path: string): TrailMeta {
  let anchor: TrailAnchor | null = null;
  const ids: IdPair[] = [];

  for (const [index, line] of lines.entries()) {
    const record = readMetaRecord(line);
    if ('problem' in record) throw new FileStoreCorruptError(path, index + 1, record.problem, { cause: record.cause });
    if ('ids' in record) ids.push(...record.ids);
    else anchor = record.anchor;
  }
  return { anchor, ids };
}

/** Returns whether `line` is a whole meta record, for a last line that lost its newline. */
export function isMetaRecord(line: string): boolean {
  return !('problem' in readMetaRecord(line));
}

function readMetaRecord(line: string): MetaRecord | MetaProblem {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return { problem: 'the line is not JSON', cause: error };
  }
  if (typeof record !== 'object' || record === null) return { problem: 'expected a JSON object' };

  const { ids: pairs, anchor: found } = record as { ids?: unknown; anchor?: unknown };
  if (pairs !== undefined) {
    if (!Array.isArray(pairs) || !pairs.every(isIdPair)) return { problem: 'expected "ids" to be a list of [sequence, id] pairs' };
    return { ids: pairs as IdPair[] };
  }
  if (found !== undefined) {
    const anchor = readAnchor(found);
    return anchor === null ? { problem: 'expected "anchor" to have a sequence, an entry_hash and a ts' } : { anchor };
  }
  return { problem: 'expected an "ids" or an "anchor" record' };
}

function isIdPair(value: unknown): boolean {
  return Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && value[0] >= 0 && typeof value[1] === 'string';
}

function readAnchor(value: unknown): TrailAnchor | null {
  if (typeof value !== 'object' || value === null) return null;
  const { sequence, entry_hash: entryHash, ts } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(sequence) || (sequence as number) < 0) return null;
  if (entryHash !== null && typeof entryHash !== 'string') return null;
  if (typeof ts !== 'number' || !Number.isFinite(ts)) return null;
  return { sequence: sequence as number, entryHash, ts };
}
