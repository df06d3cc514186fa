import { HASH_SIZE } from './hashing.js';

const INITIAL_CAPACITY = 16;

/**
 * Growable list of 32-byte hashes stored back to back in one typed array. One object per
 * hash would cost several times the 32 bytes of the hash itself at millions of leaves.
 */
export class HashList {
  #bytes = new Uint8Array(INITIAL_CAPACITY * HASH_SIZE);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  /** Copies `hash` (32 bytes) to the end of the list. */
  push(hash: Uint8Array): void {
    const offset = this.#length * HASH_SIZE;
    if (offset + HASH_SIZE > this.#bytes.length) {
      const grown = new Uint8Array(this.#bytes.length * 2);
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
