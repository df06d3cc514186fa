import { ValidationError, type AuditEntry, type Store } from '@auditgate/core';
import { fromHex } from '@auditgate/merkle';

import type { Checkpoint } from '../checkpoint.js';
import { checkFrontier } from '../check-checkpoint.js';
import { ProofError } from '../errors.js';
import { entryLeafHash, wireLeafHash } from '../leaf.js';
import { ProofTree } from './proof-tree.js';

/**
 * Source of a trail's entries for proofs: a store, or entries of any trails in the order they
 * were written. `{ wire }` contains wire objects read with `parseLosslessJson`, whose leaf is the
 * hash of all their keys. `{ entries }` contains `AuditEntry` objects. The caller names the form,
 * so that no entry of a log decides how its own leaf is computed.
 */
export type ProofSource =
  | Store
  | { readonly wire: Iterable<unknown> | AsyncIterable<unknown> }
  | { readonly entries: Iterable<AuditEntry> | AsyncIterable<AuditEntry> };

/** Request of {@link buildProofTree}. */
export interface ProofTreeRequest {
  readonly trail: string;
  /** Read entries up to this tree size. */
  readonly until: number;
  /** The frontier the tree starts from may not be above this size. */
  readonly maxBaseSize: number;
  /** Checkpoints whose frontiers may replace pruned entries. */
  readonly bases: readonly Checkpoint[];
  /** Entries per store query. */
  readonly pageSize?: number;
}

/**
 * Builds a proof tree of one trail from a source, starting at the largest usable frontier. That
 * is the frontier of a checkpoint in `bases` whose size lies from the first entry present up to
 * `maxBaseSize`. A trail that starts at sequence 0 needs no frontier.
 *
 * @throws {ProofError} `PROOF_ENTRIES_MISSING` when the source has no entry of the trail, the
 *   trail was pruned and no usable frontier is given, or an entry is missing.
 * @throws {ValidationError} when `source` has neither form of {@link ProofSource}.
 */
export async function buildProofTree(source: ProofSource, request: ProofTreeRequest): Promise<ProofTree> {
  if (isStore(source)) {
    return fromStore(source, request);
  }
  if (hasIterable(source, 'wire')) {
    return fromEntries(source.wire, request, placeWire);
  }
  if (hasIterable(source, 'entries')) {
    return fromEntries(source.entries, request, placeAuditEntry);
  }
  throw new ValidationError('source', 'expected a Store, { wire: entries read from a file }, or { entries: AuditEntry objects }');
}

async function fromStore(store: Store, request: ProofTreeRequest): Promise<ProofTree> {
  const { trail, until } = request;
  const pageSize = request.pageSize ?? 1000;
  const anchor = await store.anchor(trail);
  const tree = new ProofTree(chooseBase(request, anchor === null ? 0 : anchor.sequence + 1));

  while (tree.size < until) {
    const entries = await store.query({ trail, fromSequence: tree.size, limit: Math.min(pageSize, until - tree.size) });
    if (entries.length === 0) {
      break;
    }
    for (const entry of entries) {
      if (entry.sequence !== tree.size) {
        throw new ProofError('PROOF_ENTRIES_MISSING', `the store has no entry ${tree.size} of trail ${trail}; it continues at ${entry.sequence}`);
      }
      tree.append(entryLeafHash(entry));
    }
  }
  return tree;
}

/** Trail, sequence and leaf hash of an item of the source, or null for an item that is not an entry. */
type Placement = { trail: unknown; sequence: number | null; leaf: () => Uint8Array } | null;

async function fromEntries<T>(entries: Iterable<T> | AsyncIterable<T>, request: ProofTreeRequest, placeOf: (item: T) => Placement): Promise<ProofTree> {
  let tree: ProofTree | null = null;
  let position = 0;

  for await (const item of entries) {
    const placed = placeOf(item);
    if (placed?.trail !== request.trail) {
      continue;
    }

    // Leaves follow the order of the source, as a verifier reads them. Only the first entry's
    // sequence matters, because it marks where a pruned trail starts.
    if (tree === null) {
      position = placed.sequence ?? 0;
      tree = new ProofTree(chooseBase(request, position));
    }
    if (position >= tree.size) {
      tree.append(placed.leaf());
    }
    position++;
    if (tree.size >= request.until) {
      break;
    }
  }

  if (tree === null) {
    throw new ProofError('PROOF_ENTRIES_MISSING', `the entries given contain no entry of trail ${request.trail}`);
  }
  return tree;
}

function chooseBase(request: ProofTreeRequest, firstPresent: number): { size: number; hashes: Uint8Array[] } {
  let best: Checkpoint | undefined;
  for (const candidate of request.bases) {
    const usable =
      candidate.trail === request.trail &&
      candidate.tree_size >= firstPresent &&
      candidate.tree_size <= request.maxBaseSize &&
      (best === undefined || candidate.tree_size > best.tree_size) &&
      checkFrontier(candidate) === 'valid';
    if (usable) {
      best = candidate;
    }
  }

  if (best !== undefined) {
    return { size: best.tree_size, hashes: (best.frontier ?? []).map(fromHex) };
  }
  if (firstPresent > request.maxBaseSize) {
    throw new ProofError(
      'PROOF_ENTRIES_MISSING',
      `the entries of trail ${request.trail} start at sequence ${firstPresent}, so the entries below it were removed (pruned), ` +
        `but the proof needs position ${request.maxBaseSize}, below that start. Build it from entries that still include position ${request.maxBaseSize}.`,
    );
  }
  if (firstPresent > 0) {
    throw new ProofError(
      'PROOF_ENTRIES_MISSING',
      `the entries of trail ${request.trail} start at sequence ${firstPresent}, and no checkpoint with a frontier at a tree ` +
        `size from ${firstPresent} to ${request.maxBaseSize} was given to replace the entries before it. ` +
        'Pass the trail\'s checkpoints, including its prune checkpoint, in options.checkpoints.',
    );
  }
  return { size: 0, hashes: [] };
}

function placeWire(item: unknown): Placement {
  if (typeof item !== 'object' || item === null) {
    return null;
  }

  const record = item as Record<string, unknown>;
  const sequence = Number.isSafeInteger(record.sequence) && (record.sequence as number) >= 0 ? (record.sequence as number) : null;
  return { trail: record.trail, sequence, leaf: () => wireLeafHash(item) };
}

function placeAuditEntry(entry: AuditEntry): Placement {
  return { trail: entry.trail, sequence: entry.sequence, leaf: () => entryLeafHash(entry) };
}

function hasIterable<K extends 'wire' | 'entries'>(source: object, key: K): source is Record<K, Iterable<never> | AsyncIterable<never>> {
  const value = (source as Record<string, unknown>)[key];
  return typeof value === 'object' && value !== null && (Symbol.iterator in value || Symbol.asyncIterator in value);
}

function isStore(source: ProofSource): source is Store {
  const candidate = source as Partial<Store>;
  return typeof candidate.query === 'function' && typeof candidate.anchor === 'function';
}
