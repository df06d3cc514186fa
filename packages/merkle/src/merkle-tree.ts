import { MerkleRangeError } from './errors.js';
import { assertHashLength, emptyRoot } from './hashing.js';
import { largestPowerOfTwoBelow } from './integers.js';
import type { ConsistencyProof, InclusionProof } from './proofs.js';
import { assertConsistencySizes, assertIndexBelow, assertTreeInteger } from './size-checks.js';
import { TreeNodes } from './tree-nodes.js';

/**
 * Append-only Merkle tree that keeps every leaf hash and perfect-subtree hash, so it can
 * return the root of any earlier size and build inclusion and consistency proofs for it.
 * Memory is about 64 bytes per leaf plus growth headroom. Use `CompactMerkleTree` when
 * only the current root is needed.
 */
export class MerkleTree {
  readonly #nodes = new TreeNodes();

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
    return this.#nodes.leafCount;
  }

  /**
   * Appends a leaf hash (the output of `leafHash`, not the raw data) and returns its index.
   * The hash is copied, so the caller may reuse its array.
   *
   * @throws {HashLengthError} when `hash` is not 32 bytes.
   * @throws {MerkleRangeError} with code `MERKLE_TREE_FULL` when the tree already contains
   * the maximum number of leaves that one typed array can store (2^27 on Node 20.20).
   */
  append(hash: Uint8Array): number {
    const index = this.size;
    assertHashLength(hash, `leaf hash at index ${index}`);

    this.#nodes.appendLeaf(hash);
    return index;
  }

  /**
   * Returns a copy of the leaf hash at `index`.
   *
   * @throws {MerkleRangeError} when `index` is not an integer below `size`.
   */
  leafHashAt(index: number): Uint8Array {
    assertTreeInteger(index, 'index');
    assertIndexBelow(index, this.size, 'index', 'the tree size');

    return this.#nodes.leafView(index).slice();
  }

  /** Computes the root of the current tree in O(log n) hashes. */
  root(): Uint8Array {
    return this.rootAt(this.size);
  }

  /**
   * Computes the root the tree had when it contained `treeSize` leaves. A `treeSize` of 0
   * gives `emptyRoot()`.
   *
   * @throws {MerkleRangeError} when `treeSize` is not an integer or exceeds `size`.
   */
  rootAt(treeSize: number): Uint8Array {
    this.#assertSizeStored(treeSize, 'treeSize');

    return treeSize === 0 ? emptyRoot() : this.#nodes.rangeHash(0, treeSize);
  }

  /**
   * Builds the RFC 9162 inclusion proof of leaf `leafIndex` in the tree of `treeSize` leaves.
   *
   * @throws {MerkleRangeError} when an argument is not an integer, `treeSize` exceeds
   * `size`, or `leafIndex >= treeSize`.
   */
  inclusionProof(leafIndex: number, treeSize: number = this.size): InclusionProof {
    assertTreeInteger(leafIndex, 'leafIndex');
    this.#assertSizeStored(treeSize, 'treeSize');
    assertIndexBelow(leafIndex, treeSize, 'leafIndex', 'treeSize');

    // Walks from the root down to the leaf. The subtree on the other side of each split is
    // one proof hash. RFC 9162 lists them from the bottom up, hence the final reverse.
    const hashes: Uint8Array[] = [];
    let start = 0;
    let end = treeSize;
    while (end - start > 1) {
      const split = start + largestPowerOfTwoBelow(end - start);
      if (leafIndex < split) {
        hashes.push(this.#nodes.rangeHash(split, end));
        end = split;
      } else {
        hashes.push(this.#nodes.rangeHash(start, split));
        start = split;
      }
    }

    return { leafIndex, treeSize, hashes: hashes.reverse() };
  }

  /**
   * Builds the RFC 9162 consistency proof from the tree of `size1` leaves to the tree of
   * `size2` leaves. Equal sizes give an empty proof.
   *
   * @throws {MerkleRangeError} when an argument is not an integer, `size2` exceeds `size`,
   * `size1 > size2`, or `size1` is 0. A proof from the empty tree proves nothing and
   * `verifyConsistency` rejects it.
   */
  consistencyProof(size1: number, size2: number = this.size): ConsistencyProof {
    assertTreeInteger(size1, 'size1');
    this.#assertSizeStored(size2, 'size2');
    assertConsistencySizes(size1, size2);

    // Follows SUBPROOF(m, D[n], b) of RFC 9162 section 2.1.4.1 iteratively, top down.
    // `isFullOldTree` is the flag b. It stays true while the old tree is the current subtree
    // itself, whose hash the verifier already has.
    const hashes: Uint8Array[] = [];
    let start = 0;
    let end = size2;
    let oldSize = size1;
    let isFullOldTree = true;
    while (oldSize < end - start) {
      const leftSize = largestPowerOfTwoBelow(end - start);
      if (oldSize <= leftSize) {
        hashes.push(this.#nodes.rangeHash(start + leftSize, end));
        end = start + leftSize;
      } else {
        hashes.push(this.#nodes.rangeHash(start, start + leftSize));
        start += leftSize;
        oldSize -= leftSize;
        isFullOldTree = false;
      }
    }

    // The loop stopped at the subtree that equals the old tree's rightmost part. The verifier
    // lacks its hash unless it is the whole old tree.
    if (!isFullOldTree) {
      hashes.push(this.#nodes.rangeHash(start, end));
    }

    return { size1, size2, hashes: hashes.reverse() };
  }

  #assertSizeStored(treeSize: number, name: string): void {
    assertTreeInteger(treeSize, name);

    if (treeSize > this.size) {
      throw new MerkleRangeError(
        'MERKLE_SIZE_OUT_OF_RANGE',
        `${name} ${treeSize} exceeds the current tree size ${this.size}. ` +
          'Append more leaves or request a smaller tree size.',
      );
    }
  }
}
