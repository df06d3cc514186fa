import { ProofError } from '../errors.js';
import type { CheckpointConsistencyProof, EntryInclusionProof } from './proof-json.js';

const HASH_HEX = /^[0-9a-f]{64}$/;

/**
 * Checks the form of a parsed inclusion proof and returns a copy with exactly its fields.
 *
 * @throws {ProofError} `PROOF_MALFORMED` naming the first bad field.
 */
export function parseInclusionProof(value: unknown): EntryInclusionProof {
  const record = objectOf(value, ['trail', 'sequence', 'tree_size', 'leaf_hash', 'hashes'], 'inclusion proof');
  return {
    trail: stringField(record, 'trail'),
    sequence: integerField(record, 'sequence', 0),
    tree_size: integerField(record, 'tree_size', 1),
    leaf_hash: hashField(record.leaf_hash, 'leaf_hash'),
    hashes: hashList(record.hashes),
  };
}

/**
 * Checks the form of a parsed consistency proof and returns a copy with exactly its fields.
 *
 * @throws {ProofError} `PROOF_MALFORMED` naming the first bad field.
 */
export function parseConsistencyProof(value: unknown): CheckpointConsistencyProof {
  const record = objectOf(value, ['trail', 'size1', 'size2', 'hashes'], 'consistency proof');
  return {
    trail: stringField(record, 'trail'),
    size1: integerField(record, 'size1', 1),
    size2: integerField(record, 'size2', 1),
    hashes: hashList(record.hashes),
  };
}

function objectOf(value: unknown, fields: readonly string[], name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(name, 'expected a JSON object');
  }
  for (const key of Object.keys(value)) {
    if (!fields.includes(key)) {
      throw malformed(key, `unknown field in an ${name}; expected only ${fields.join(', ')}`);
    }
  }
  return value as Record<string, unknown>;
}

function stringField(record: Record<string, unknown>, field: string): string {
  const value = record[field];
  if (typeof value !== 'string') {
    throw malformed(field, `expected a string, got ${typeof value}`);
  }
  return value;
}

function integerField(record: Record<string, unknown>, field: string, minimum: number): number {
  const value = record[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < minimum) {
    throw malformed(field, `expected an integer >= ${minimum}, got ${String(value)}`);
  }
  return value;
}

function hashField(value: unknown, field: string): string {
  if (typeof value !== 'string' || !HASH_HEX.test(value)) {
    throw malformed(field, 'expected 64 lowercase hex characters');
  }
  return value;
}

function hashList(value: unknown): string[] {
  if (!Array.isArray(value)) {
    throw malformed('hashes', 'expected an array of hex hashes');
  }
  return value.map((hash: unknown, position) => hashField(hash, `hashes[${position}]`));
}

function malformed(field: string, message: string): ProofError {
  return new ProofError('PROOF_MALFORMED', `proof field ${field}: ${message}`);
}
