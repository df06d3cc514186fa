import { FrontierError } from './errors.js';
import { assertHashLength, emptyRoot, nodeHash } from './hashing.js';
import { countOneBits, half, isOdd } from './integers.js';
import { assertTreeInteger } from './size-checks.js';

/**
 * State of a `CompactMerkleTree`: its size and the roots of its maximal perfect subtrees,
 * largest (leftmost) first. There is one hash per one bit of `size`, so a tree of size 6
 * (binary 110) has the roots of leaves [0, 4) and [4, 6). The hashes fold to the tree's root,
 * so a frontier that reproduces a trusted root is as trustworthy as that root.
 */
export interface Frontier {
  readonly size: number;
  readonly hashes: readonly Uint8Array[];
}

/**
 * Append-only Merkle tree that keeps only the roots of its maximal perfect subtrees (one per
 * set bit of the size), so memory is O(log n) and each append costs amortised O(1) hashes.
 * It computes roots but cannot produce proofs, which need every leaf hash (see `MerkleTree`).
 */
export class CompactMerkleTree {
  // Roots of the perfect subtrees that cover leaves [0, size), largest (leftmost) first.
  // Their sizes are the powers of two in the binary form of `size`.
  readonly #peaks: Uint8Array[] = [];
  #size = 0;

  /**
   * Creates a tree containing `leafHashes` in order.
   *
   * @throws {HashLengthError} when a leaf hash is not 32 bytes.
   */
  constructor(leafHashes: Iterable<Uint8Array> = []) {
    for (const hash of leafHashes) {
      this.append(hash);
    }
  }

  /**
   * Creates a tree that continues from an exported frontier, as if the leaves it summarizes
   * had been appended. The result computes the same roots as the original tree and accepts
   * further appends. The hashes are copied.
   *
   * @throws {MerkleRangeError} when `size` is not an integer from 0 to 2^53 - 1.
   * @throws {FrontierError} when `hashes` is not an array of one hash per one bit of `size`.
   * @throws {HashLengthError} when a hash is not 32 bytes.
   */
  static fromFrontier(size: number, hashes: readonly Uint8Array[]): CompactMerkleTree {
    assertTreeInteger(size, 'frontier size');
    if (!Array.isArray(hashes)) {
      throw new FrontierError('frontier hashes must be an array of 32-byte hashes');
    }

    const expected = countOneBits(size);
    if (hashes.length !== expected) {
      throw new FrontierError(
        `a frontier of tree size ${size} needs exactly ${expected} hashes (one per one bit of ` +
          `the size), but ${hashes.length} were given. Pass the hashes that frontier() returned ` +
          'for this size, largest subtree first.',
      );
    }

    const tree = new CompactMerkleTree();
    hashes.forEach((hash, position) => {
      assertHashLength(hash, `frontier hashes[${position}]`);
      tree.#peaks.push(hash.slice());
    });
    tree.#size = size;
    return tree;
  }

  /** Number of leaves appended so far. */
  get size(): number {
    return this.#size;
  }

  /**
   * Exports the tree's state, so that `CompactMerkleTree.fromFrontier` can continue it later
   * without the leaves. The hashes are copies.
   */
  frontier(): Frontier {
    return { size: this.#size, hashes: this.#peaks.map((peak) => peak.slice()) };
  }

  /**
   * Appends a leaf hash (the output of `leafHash`, not the raw data) and returns its index.
   * The hash is copied, so the caller may reuse its array.
   *
   * @throws {HashLengthError} when `hash` is not 32 bytes.
   */
  append(hash: Uint8Array): number {
    assertHashLength(hash, `leaf hash at index ${this.#size}`);

    const index = this.#size;
    this.#peaks.push(hash.slice());

    // Each trailing one bit of the old size marks a peak that the new leaf completes into a
    // perfect subtree twice as large, as in a binary counter's carry.
    for (let carry = index; isOdd(carry); carry = half(carry)) {
      const right = this.#peaks.pop() as Uint8Array;
      const left = this.#peaks.pop() as Uint8Array;
      this.#peaks.push(nodeHash(left, right));
    }

    this.#size = index + 1;
    return index;
  }

  /** Computes the RFC 9162 root (MTH) of all leaves appended so far in O(log n) hashes. */
  root(): Uint8Array {
    return foldPeaks(this.#peaks);
  }
}

/**
 * Computes the RFC 9162 Merkle tree hash (MTH) of `leafHashes` in O(n) time without
 * recursion, so it handles millions of leaves. An empty list gives `emptyRoot()`.
 *
 * @throws {HashLengthError} when a leaf hash is not 32 bytes.
 */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  return new CompactMerkleTree(leafHashes).root();
}

/**
 * Folds perfect-subtree roots from right to left. MTH splits at the largest power of two
 * below the size, so the rightmost, smallest subtrees combine first. Returns a new array.
 */
export function foldPeaks(peaks: readonly Uint8Array[]): Uint8Array {
  const last = peaks[peaks.length - 1];
  if (last === undefined) {
    return emptyRoot();
  }

  let root: Uint8Array = last.slice();
  for (let i = peaks.length - 2; i >= 0; i--) {
    root = nodeHash(peaks[i] as Uint8Array, root);
  }
  return root;
}
