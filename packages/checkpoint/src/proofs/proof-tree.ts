import { emptyRoot, nodeHash, type ConsistencyProof, type Frontier, type InclusionProof } from '@auditgate/merkle';

import { ProofError } from '../errors.js';

const HASH_BYTES = 32;

interface Peak {
  readonly start: number;
  readonly end: number;
  readonly hash: Uint8Array;
}

/**
 * The leaf hashes of a trail from `baseSize` on, over the frontier of the leaves before it (the
 * prune point of a pruned trail, or nothing). It builds RFC 9162 roots and proofs for leaves and
 * sizes at or above `baseSize`: every subtree such a proof needs is either a frontier hash, made
 * of frontier hashes and later leaves, or made of later leaves only.
 *
 * Subtree hashes are recomputed from the leaves for each request, so a proof costs O(n) hashes
 * and the tree keeps 32 bytes per leaf. That suits one-off proofs; `MerkleTree` of
 * `@auditgate/merkle` is faster when the whole trail is present.
 */
export class ProofTree {
  readonly baseSize: number;
  readonly #peaks: Peak[] = [];
  #leaves = new Uint8Array(HASH_BYTES * 64);
  #count = 0;

  /** @param base the frontier at the first leaf this tree contains; empty by default. */
  constructor(base: Frontier = { size: 0, hashes: [] }) {
    this.baseSize = base.size;

    let start = 0;
    let hashIndex = 0;
    for (const width of powersOfTwoInDescendingOrder(base.size)) {
      this.#peaks.push({ start, end: start + width, hash: base.hashes[hashIndex++] as Uint8Array });
      start += width;
    }
  }

  /** Number of leaves covered, including the ones the frontier summarizes. */
  get size(): number {
    return this.baseSize + this.#count;
  }

  /** Appends the next leaf hash; it is copied. */
  append(leafHash: Uint8Array): void {
    if ((this.#count + 1) * HASH_BYTES > this.#leaves.length) {
      const grown = new Uint8Array(this.#leaves.length * 2);
      grown.set(this.#leaves);
      this.#leaves = grown;
    }
    this.#leaves.set(leafHash, this.#count * HASH_BYTES);
    this.#count++;
  }

  /** @throws {ProofError} `PROOF_ENTRIES_MISSING` when the leaf is below `baseSize` or not yet appended. */
  leafAt(index: number): Uint8Array {
    this.#assertHeld(index, index + 1);
    const offset = (index - this.baseSize) * HASH_BYTES;
    return this.#leaves.slice(offset, offset + HASH_BYTES);
  }

  /** @throws {ProofError} `PROOF_ENTRIES_MISSING` when `treeSize` exceeds `size`. */
  rootAt(treeSize: number): Uint8Array {
    this.#assertHeld(this.baseSize, treeSize);
    return treeSize === 0 ? emptyRoot() : this.#rangeHash(0, treeSize);
  }

  /**
   * Builds the inclusion proof of leaf `leafIndex` in the tree of `treeSize` leaves, in the same
   * steps as `MerkleTree.inclusionProof`.
   *
   * @throws {ProofError} `PROOF_ENTRIES_MISSING` when the leaf is below `baseSize` or `treeSize` exceeds `size`.
   */
  inclusionProof(leafIndex: number, treeSize: number): InclusionProof {
    this.#assertHeld(leafIndex, treeSize);

    const hashes: Uint8Array[] = [];
    let start = 0;
    let end = treeSize;
    while (end - start > 1) {
      const split = start + largestPowerOfTwoBelow(end - start);
      if (leafIndex < split) {
        hashes.push(this.#rangeHash(split, end));
        end = split;
      } else {
        hashes.push(this.#rangeHash(start, split));
        start = split;
      }
    }
    return { leafIndex, treeSize, hashes: hashes.reverse() };
  }

  /**
   * Builds the consistency proof from `size1` to `size2` leaves, in the same steps as
   * `MerkleTree.consistencyProof` (RFC 9162 section 2.1.4.1). Equal sizes give an empty proof.
   *
   * @throws {ProofError} `PROOF_ENTRIES_MISSING` when `size1` is below `baseSize` or `size2` exceeds `size`.
   */
  consistencyProof(size1: number, size2: number): ConsistencyProof {
    this.#assertHeld(size1, size2);

    const hashes: Uint8Array[] = [];
    let start = 0;
    let end = size2;
    let oldSize = size1;
    let isFullOldTree = true;
    while (oldSize < end - start) {
      const leftSize = largestPowerOfTwoBelow(end - start);
      if (oldSize <= leftSize) {
        hashes.push(this.#rangeHash(start + leftSize, end));
        end = start + leftSize;
      } else {
        hashes.push(this.#rangeHash(start, start + leftSize));
        start += leftSize;
        oldSize -= leftSize;
        isFullOldTree = false;
      }
    }
    if (!isFullOldTree) {
      hashes.push(this.#rangeHash(start, end));
    }
    return { size1, size2, hashes: hashes.reverse() };
  }

  // MTH(D[start:end]). A range that starts below baseSize must start at a frontier subtree, and
  // one that also ends below it must end at one, or it would need leaves that are gone.
  #rangeHash(start: number, end: number): Uint8Array {
    if (start < this.baseSize) {
      const peak = this.#peaks.find((candidate) => candidate.start === start);
      if (peak === undefined || (end < this.baseSize && !this.#peaks.some((candidate) => candidate.end === end))) {
        throw new ProofError(
          'PROOF_ENTRIES_MISSING',
          `the subtree of leaves ${start} to ${end - 1} lies inside the removed entries below ${this.baseSize}, so no proof that needs it can be built`,
        );
      }
      if (peak.end === end) {
        return peak.hash;
      }
    } else if (end - start === 1) {
      const offset = (start - this.baseSize) * HASH_BYTES;
      return this.#leaves.subarray(offset, offset + HASH_BYTES);
    }

    const split = start + largestPowerOfTwoBelow(end - start);
    return nodeHash(this.#rangeHash(start, split), this.#rangeHash(split, end));
  }

  #assertHeld(first: number, end: number): void {
    if (first < this.baseSize) {
      throw new ProofError(
        'PROOF_ENTRIES_MISSING',
        `entry ${first} was removed by pruning: the entries at hand start at sequence ${this.baseSize}`,
      );
    }
    if (end > this.size) {
      throw new ProofError('PROOF_ENTRIES_MISSING', `tree size ${end} needs entries up to sequence ${end - 1}, but only ${this.size} are at hand`);
    }
  }
}

function largestPowerOfTwoBelow(value: number): number {
  let power = 1;
  while (power * 2 < value) {
    power *= 2;
  }
  return power;
}

function powersOfTwoInDescendingOrder(value: number): number[] {
  const powers: number[] = [];
  let power = 1;
  for (let rest = value; rest > 0; rest = Math.floor(rest / 2)) {
    if (rest % 2 === 1) {
      powers.push(power);
    }
    power *= 2;
  }
  return powers.reverse();
}
