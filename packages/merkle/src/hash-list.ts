import { constants } from 'node:buffer';

import { MerkleRangeError } from './errors.js';
import { HASH_SIZE } from './hashing.js';

const INITIAL_CAPACITY = 16;

// A typed array cannot exceed buffer.constants.MAX_LENGTH bytes, which is 4 GiB (2^27
// hashes) on Node 20.20.
const MAX_HASHES = Math.floor(constants.MAX_LENGTH / HASH_SIZE);

/**
 * Growable list of 32-byte hashes stored back to back in one typed array. One object per
 * hash would cost several times the 32 bytes of the hash itself at millions of leaves.
 */
export class HashList {
  readonly #maxHashes: number;
  #bytes = new Uint8Array(INITIAL_CAPACITY * HASH_SIZE);
  #length = 0;

  /** `maxHashes` lowers the capacity limit, so that tests can reach it. */
  constructor(maxHashes: number = MAX_HASHES) {
    this.#maxHashes = maxHashes;
  }

  get length(): number {
    return this.#length;
  }

  /**
   * Copies `hash` (32 bytes) to the end of the list.
   *
   * @throws {MerkleRangeError} with code `MERKLE_TREE_FULL` when the list already contains
   * the maximum number of hashes. The list is unchanged then.
   */
  push(hash: Uint8Array): void {
    if (this.#length >= this.#maxHashes) {
      throw new MerkleRangeError(
        'MERKLE_TREE_FULL',
        `cannot store more than ${this.#maxHashes} hashes per tree level, because each level ` +
          'is stored in one typed array. Split the log into several trees.',
      );
    }

    const offset = this.#length * HASH_SIZE;
    if (offset + HASH_SIZE > this.#bytes.length) {
      const capacity = Math.min(2 * (this.#bytes.length / HASH_SIZE), this.#maxHashes);
      const grown = new Uint8Array(capacity * HASH_SIZE);
      grown.set(this.#bytes);
      this.#bytes = grown;
    }

    this.#bytes.set(hash, offset);
    this.#length += 1;
  }

  /**
   * Returns a view of the stored hash at `index`, not a copy. Callers must copy it before
   * handing it out, because a write through the view would corrupt the tree.
   */
  view(index: number): Uint8Array {
    if (index < 0 || index >= this.#length) {
      throw new RangeError(`hash index ${index} is outside the list of ${this.#length} hashes`);
    }

    const offset = index * HASH_SIZE;
    return this.#bytes.subarray(offset, offset + HASH_SIZE);
  }
}
