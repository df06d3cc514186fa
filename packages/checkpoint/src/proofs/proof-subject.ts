import { LosslessNumber, ValidationError, WIRE_KEYS, type AuditEntry } from '@auditgate/core';
import { toHex } from '@auditgate/merkle';

import { ProofError } from '../errors.js';
import { entryLeafHash, wireLeafHash } from '../leaf.js';
import type { EntryInclusionProof } from './proof-json.js';

/**
 * The entry that an inclusion proof is checked against, in the form the caller has. The leaf
 * hash of a wire object and of an `AuditEntry` are computed differently, so the caller names
 * the form. An entry that chose its own form could carry true values under one set of keys and
 * forged values under the other.
 */
export interface InclusionSubject {
  /**
   * A wire entry as read from a log or a saved proof with `parseLosslessJson`. It may contain
   * only the snake_case keys of core's `WireEntry`, and its leaf is the hash of all of them.
   */
  readonly wire?: unknown;
  /** An `AuditEntry` of this library, such as one returned by a store query. */
  readonly entry?: AuditEntry;
}

const WIRE_KEY_SET: ReadonlySet<string> = new Set(WIRE_KEYS);

/**
 * Throws unless the subject is the entry that the proof is about: same trail, same sequence,
 * and the same leaf hash. Does nothing when the subject names no entry.
 *
 * @throws {ValidationError} when both `wire` and `entry` are given.
 * @throws {ProofError} `PROOF_MALFORMED` when `wire` is not an object of wire keys only, and
 *   `PROOF_LEAF_MISMATCH` when the entry is not the one proved.
 */
export function assertProofIsAbout(proof: EntryInclusionProof, subject: InclusionSubject): void {
  if (subject.wire !== undefined && subject.entry !== undefined) {
    throw new ValidationError('options', 'give either wire (an entry read from a file) or entry (an AuditEntry), not both');
  }

  if (subject.wire !== undefined) {
    const wire = checkWireForm(subject.wire);
    assertSamePosition(proof, wire.trail, wire.sequence);
    assertSameLeaf(proof, toHex(wireLeafHash(wire)));
  } else if (subject.entry !== undefined) {
    assertSamePosition(proof, subject.entry.trail, subject.entry.sequence);
    assertSameLeaf(proof, toHex(entryLeafHash(subject.entry)));
  }
}

function checkWireForm(wire: unknown): Record<string, unknown> {
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire) || wire instanceof LosslessNumber) {
    throw new ProofError('PROOF_MALFORMED', 'the entry of an inclusion proof must be a wire entry object');
  }

  for (const key of Object.keys(wire)) {
    if (!WIRE_KEY_SET.has(key)) {
      throw new ProofError(
        'PROOF_MALFORMED',
        `the proof's entry has the key ${JSON.stringify(key)}, which is not a field of a wire entry; ` +
          `a wire entry has only ${WIRE_KEYS.join(', ')}, in snake_case as the log stores them`,
      );
    }
  }
  return wire as Record<string, unknown>;
}

function assertSamePosition(proof: EntryInclusionProof, trail: unknown, sequence: unknown): void {
  if (trail !== proof.trail || sequence !== proof.sequence) {
    throw new ProofError(
      'PROOF_LEAF_MISMATCH',
      `the entry is ${String(sequence)} of trail ${String(trail)}, but the proof is about entry ${proof.sequence} of ${proof.trail}`,
    );
  }
}

function assertSameLeaf(proof: EntryInclusionProof, leaf: string): void {
  if (leaf !== proof.leaf_hash) {
    throw new ProofError('PROOF_LEAF_MISMATCH', `the entry's leaf hash is ${leaf}, but the proof is about leaf ${proof.leaf_hash}: the entry differs from the one proved`);
  }
}
