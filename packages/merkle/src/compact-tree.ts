import { assertHashLength, emptyRoot, nodeHash } from './hashing.js';
import { half, isOdd } from './integers.js';

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

  /** Number of leaves appended so far. */
  get size(): number {
    return this.#size;
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
