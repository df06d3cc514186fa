import { ProofShapeError } from './errors.js';
import { HASH_SIZE } from './hashing.js';
import { half, isOdd } from './integers.js';

/**
 * Counts the proof hashes the RFC 9162 verification loop consumes for node `fn` on the
 * path whose last node is `sn`. It runs the same loop without hashing. A proof with more
 * hashes makes the RFC loop see `sn == 0` early, and one with fewer leaves `sn != 0` at the
 * end, so checking the count first rejects both cases before any hashing.
 */
export function countPathHashes(fn: number, sn: number): number {
  let count = 0;

  while (sn > 0) {
    if (!isOdd(fn) && fn === sn) {
      // The node is the last of its level and has no right sibling, so the levels above it
      // consume no hash until it becomes a right child or the root.
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    }

    fn = half(fn);
    sn = half(sn);
    count += 1;
  }

  return count;
}

/**
 * Checks that `hashes` is an array of exactly `expectedCount` 32-byte hashes. `context`
 * names the proof in the error message.
 *
 * @throws {ProofShapeError} describing the first problem found.
 */
export function assertProofHashes(
  hashes: unknown,
  expectedCount: number,
  context: string,
): asserts hashes is readonly Uint8Array[] {
  if (!Array.isArray(hashes)) {
    throw new ProofShapeError(`${context}: hashes must be an array of 32-byte hashes`);
  }

  hashes.forEach((hash: unknown, position) => {
    if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
      const found = hash instanceof Uint8Array ? `${hash.length} bytes` : 'not a Uint8Array';
      throw new ProofShapeError(
        `${context}: hashes[${position}] is ${found} but every proof hash must be 32 bytes`,
      );
    }
  });

  if (hashes.length !== expectedCount) {
    throw new ProofShapeError(
      `${context}: proof has ${countHashes(hashes.length)} but these sizes need exactly ` +
        `${expectedCount}. The proof was built for other sizes, or it was truncated or padded.`,
    );
  }
}

/** @throws {ProofShapeError} when `proof` is not an object. */
export function assertProofObject(proof: unknown): void {
  if (typeof proof !== 'object' || proof === null) {
    throw new ProofShapeError(`proof must be an object with sizes and hashes, got ${String(proof)}`);
  }
}

function countHashes(count: number): string {
  return count === 1 ? '1 hash' : `${count} hashes`;
}
