import { Trail, ValidationError } from '@auditgate/core';

import { CHECKPOINT_TYPE, CHECKPOINT_VERSION, type Checkpoint } from './checkpoint.js';
import { MalformedCheckpointError } from './errors.js';

const FIELDS = new Set(['type', 'version', 'trail', 'tree_size', 'root', 'ts', 'key_id', 'prune', 'signature', 'frontier']);
const HASH_HEX = /^[0-9a-f]{64}$/;
const KEY_ID = /^[0-9a-f]{16}$/;
// 64 signature bytes are 88 base64 characters, the last two of them padding.
const SIGNATURE_BASE64 = /^[A-Za-z0-9+/]{86}==$/;

/**
 * Checks that `value` is a well-formed checkpoint of version 1 (a parsed JSON object) and
 * returns a copy that has exactly the checkpoint fields. It checks the form only: call
 * `checkCheckpoint` for the signature and the frontier.
 *
 * @throws {MalformedCheckpointError} naming the first missing, mistyped or unknown field.
 */
export function parseCheckpoint(value: unknown): Checkpoint {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedCheckpointError('(checkpoint)', `expected a JSON object, got ${describe(value)}`);
  }
  const record = value as Record<string, unknown>;

  for (const key of Object.keys(record)) {
    if (!FIELDS.has(key)) {
      throw new MalformedCheckpointError(key, `unknown field; a version ${CHECKPOINT_VERSION} checkpoint has only ${[...FIELDS].join(', ')}`);
    }
  }

  if (record.type !== CHECKPOINT_TYPE) {
    throw new MalformedCheckpointError('type', `expected "${CHECKPOINT_TYPE}", got ${describe(record.type)}`);
  }
  if (record.version !== CHECKPOINT_VERSION) {
    throw new MalformedCheckpointError('version', `expected ${CHECKPOINT_VERSION}, got ${describe(record.version)}; this reader knows version ${CHECKPOINT_VERSION} only`);
  }

  const treeSize = treeSizeField(record.tree_size);
  const frontier = frontierField(record.frontier, treeSize);
  return {
    type: CHECKPOINT_TYPE,
    version: CHECKPOINT_VERSION,
    trail: trailField(record.trail),
    tree_size: treeSize,
    root: matching(record, 'root', HASH_HEX, '64 lowercase hex characters'),
    ts: tsField(record.ts),
    key_id: matching(record, 'key_id', KEY_ID, '16 lowercase hex characters'),
    ...(pruneField(record.prune) ? { prune: true as const } : {}),
    signature: matching(record, 'signature', SIGNATURE_BASE64, 'a 64-byte signature in standard base64 with padding'),
    ...(frontier === undefined ? {} : { frontier }),
  };
}

function trailField(value: unknown): string {
  if (typeof value !== 'string') {
    throw new MalformedCheckpointError('trail', `expected a trail string, got ${describe(value)}`);
  }
  try {
    Trail.parse(value);
    return value;
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new MalformedCheckpointError('trail', error.message);
    }
    throw error;
  }
}

function treeSizeField(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new MalformedCheckpointError('tree_size', `expected an integer from 1 to 2**53-1, got ${describe(value)}`);
  }
  return value;
}

function tsField(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new MalformedCheckpointError('ts', `expected seconds since the epoch as a finite number >= 0, got ${describe(value)}`);
  }
  return value;
}

function pruneField(value: unknown): boolean {
  if (value === undefined) {
    return false;
  }
  if (value !== true) {
    // Only one spelling is accepted, so that the signed bytes of a checkpoint have one form.
    throw new MalformedCheckpointError('prune', `expected true or no field at all, got ${describe(value)}`);
  }
  return true;
}

function frontierField(value: unknown, treeSize: number): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    throw new MalformedCheckpointError('frontier', `expected an array of hex hashes, got ${describe(value)}`);
  }

  value.forEach((hash: unknown, position) => {
    if (typeof hash !== 'string' || !HASH_HEX.test(hash)) {
      throw new MalformedCheckpointError(`frontier[${position}]`, `expected 64 lowercase hex characters, got ${describe(hash)}`);
    }
  });

  const expected = countOneBits(treeSize);
  if (value.length !== expected) {
    throw new MalformedCheckpointError('frontier', `a tree of size ${treeSize} has a frontier of ${expected} hashes, got ${value.length}`);
  }
  return [...(value as string[])];
}

function matching(record: Record<string, unknown>, field: string, pattern: RegExp, expected: string): string {
  const value = record[field];
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new MalformedCheckpointError(field, `expected ${expected}, got ${describe(value)}`);
  }
  return value;
}

function countOneBits(value: number): number {
  let count = 0;
  for (let rest = value; rest > 0; rest = Math.floor(rest / 2)) {
    count += rest % 2;
  }
  return count;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  return `${typeof value} ${shown}`;
}
