import type { TrailAnchor } from '@auditgate/core';
import { FileStoreCorruptError } from './errors.js';
import type { LineFile } from './files.js';
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

/**
 * Reads the complete lines of a meta file.
 *
 * @throws {FileStoreCorruptError} naming the first line that is not a meta record.
 */
export function parseMeta(file: LineFile | null, path: string): TrailMeta {
  let anchor: TrailAnchor | null = null;
  const ids: IdPair[] = [];

  for (const [index, line] of (file?.lines ?? []).entries()) {
    const fail = (problem: string): never => {
      throw new FileStoreCorruptError(path, index + 1, problem);
    };
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      throw new FileStoreCorruptError(path, index + 1, 'the line is not JSON', { cause: error });
    }
    if (typeof record !== 'object' || record === null) fail('expected a JSON object');

    const { ids: pairs, anchor: found } = record as { ids?: unknown; anchor?: unknown };
    if (pairs !== undefined) {
      if (!Array.isArray(pairs) || !pairs.every(isIdPair)) fail('expected "ids" to be a list of [sequence, id] pairs');
      ids.push(...(pairs as IdPair[]));
    } else if (found !== undefined) {
      anchor = readAnchor(found) ?? fail('expected "anchor" to have a sequence, an entry_hash and a ts');
    } else {
      fail('expected an "ids" or an "anchor" record');
    }
  }
  return { anchor, ids };
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
