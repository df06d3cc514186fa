import { MerkleRangeError } from './errors.js';

/**
 * Throws unless `value` is a non-negative safe integer (at most 2^53 - 1).
 *
 * @throws {MerkleRangeError} naming `name` and the value.
 */
export function assertTreeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new MerkleRangeError(
      'MERKLE_INVALID_INTEGER',
      `${name} is ${String(value)} but must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`,
    );
  }
}

/** @throws {MerkleRangeError} unless `index < limit`. */
export function assertIndexBelow(index: number, limit: number, name: string, limitName: string): void {
  if (index >= limit) {
    throw new MerkleRangeError(
      'MERKLE_INDEX_OUT_OF_RANGE',
      `${name} ${index} is out of range for ${limitName} ${limit}. A leaf index must be less than the tree size.`,
    );
  }
}

/** @throws {MerkleRangeError} unless `0 < size1 <= size2`. */
export function assertConsistencySizes(size1: number, size2: number): void {
  if (size1 > size2) {
    throw new MerkleRangeError(
      'MERKLE_SIZES_OUT_OF_ORDER',
      `size1 ${size1} is greater than size2 ${size2}. A consistency proof goes from the ` +
        'older, smaller tree to the newer one.',
    );
  }

  if (size1 === 0) {
    throw new MerkleRangeError(
      'MERKLE_EMPTY_TREE_CONSISTENCY',
      `size1 is 0 (size2 ${size2}), but every tree extends the empty tree, so RFC 9162 ` +
        'defines no consistency proof from it. Start from a non-empty tree size.',
    );
  }
}
