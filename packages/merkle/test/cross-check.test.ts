import { describe, expect, it } from 'vitest';

import {
  CompactMerkleTree,
  MerkleTree,
  isValidConsistency,
  isValidInclusion,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from '../src/index.js';
import type { ConsistencyProof, InclusionProof } from '../src/index.js';
import {
  flipBit,
  referenceConsistencyProof,
  referenceInclusionPath,
  referenceRoot,
  sampleLeafHashes,
} from './reference-tree.js';

const MAX_PROOF_TREE_SIZE = 40;
const leaves = sampleLeafHashes(1100);
const tree = new MerkleTree(leaves.slice(0, MAX_PROOF_TREE_SIZE));

function withHashes<T extends { hashes: readonly Uint8Array[] }>(proof: T, hashes: Uint8Array[]): T {
  return { ...proof, hashes };
}

describe('roots against the recursive reference', () => {
  const sizes = [...Array.from({ length: 71 }, (_, i) => i), 127, 128, 129, 255, 256, 257, 1000, 1024, 1025, 1100];

  it.each(sizes)('size %i', (size) => {
    const prefix = leaves.slice(0, size);
    const expected = referenceRoot(prefix);

    expect(rootFromLeafHashes(prefix)).toEqual(expected);
    expect(new CompactMerkleTree(prefix).root()).toEqual(expected);
    expect(new MerkleTree(prefix).root()).toEqual(expected);
  });

  it('MerkleTree.rootAt for every earlier size', () => {
    const big = new MerkleTree(leaves);

    for (const size of sizes) {
      expect(big.rootAt(size)).toEqual(referenceRoot(leaves.slice(0, size)));
    }
  });
});

describe('inclusion proofs for all indices up to size 40', () => {
  for (let treeSize = 1; treeSize <= MAX_PROOF_TREE_SIZE; treeSize++) {
    it(`tree size ${treeSize}`, () => {
      const prefix = leaves.slice(0, treeSize);
      const root = referenceRoot(prefix);

      for (let leafIndex = 0; leafIndex < treeSize; leafIndex++) {
        const proof = tree.inclusionProof(leafIndex, treeSize);
        const leaf = leaves[leafIndex] as Uint8Array;

        expect(proof.leafIndex).toBe(leafIndex);
        expect(proof.treeSize).toBe(treeSize);
        expect(proof.hashes).toEqual(referenceInclusionPath(leafIndex, prefix));
        expect(() => verifyInclusion(leaf, proof, root)).not.toThrow();

        expectInclusionTamperingRejected(leaf, proof, root);
      }
    });
  }
});

describe('consistency proofs for all size pairs up to 40', () => {
  for (let size2 = 1; size2 <= MAX_PROOF_TREE_SIZE; size2++) {
    it(`new size ${size2}`, () => {
      const root2 = referenceRoot(leaves.slice(0, size2));

      for (let size1 = 1; size1 <= size2; size1++) {
        const root1 = referenceRoot(leaves.slice(0, size1));
        const proof = tree.consistencyProof(size1, size2);

        expect(proof.size1).toBe(size1);
        expect(proof.size2).toBe(size2);
        expect(proof.hashes).toEqual(referenceConsistencyProof(size1, leaves.slice(0, size2)));
        expect(() => verifyConsistency(proof, root1, root2)).not.toThrow();

        expectConsistencyTamperingRejected(proof, root1, root2);
      }
    });
  }
});

describe('every single-bit flip', () => {
  it('rejects an inclusion proof of leaf 5 in size 13', () => {
    const leaf = leaves[5] as Uint8Array;
    const proof = tree.inclusionProof(5, 13);
    const root = tree.rootAt(13);

    for (let bit = 0; bit < 256; bit++) {
      expect(isValidInclusion(flipBit(leaf, bit), proof, root)).toBe(false);
      expect(isValidInclusion(leaf, proof, flipBit(root, bit))).toBe(false);

      proof.hashes.forEach((hash, position) => {
        const hashes = [...proof.hashes];
        hashes[position] = flipBit(hash, bit);
        expect(isValidInclusion(leaf, withHashes(proof, hashes), root)).toBe(false);
      });
    }
  });

  it('rejects a consistency proof from size 11 to 29', () => {
    const proof = tree.consistencyProof(11, 29);
    const root1 = tree.rootAt(11);
    const root2 = tree.rootAt(29);

    for (let bit = 0; bit < 256; bit++) {
      expect(isValidConsistency(proof, flipBit(root1, bit), root2)).toBe(false);
      expect(isValidConsistency(proof, root1, flipBit(root2, bit))).toBe(false);

      proof.hashes.forEach((hash, position) => {
        const hashes = [...proof.hashes];
        hashes[position] = flipBit(hash, bit);
        expect(isValidConsistency(withHashes(proof, hashes), root1, root2)).toBe(false);
      });
    }
  });
});

// One flipped bit per hash (a different bit for each position) plus truncation and padding.
function expectInclusionTamperingRejected(leaf: Uint8Array, proof: InclusionProof, root: Uint8Array): void {
  const seed = proof.leafIndex * 31 + proof.treeSize;

  expect(isValidInclusion(flipBit(leaf, seed % 256), proof, root)).toBe(false);
  expect(isValidInclusion(leaf, proof, flipBit(root, seed % 256))).toBe(false);

  proof.hashes.forEach((hash, position) => {
    const hashes = [...proof.hashes];
    hashes[position] = flipBit(hash, (seed + position * 37) % 256);
    expect(isValidInclusion(leaf, withHashes(proof, hashes), root)).toBe(false);
  });

  expect(isValidInclusion(leaf, withHashes(proof, [...proof.hashes, root]), root)).toBe(false);
  if (proof.hashes.length > 0) {
    expect(isValidInclusion(leaf, withHashes(proof, proof.hashes.slice(0, -1)), root)).toBe(false);
  }
}

function expectConsistencyTamperingRejected(proof: ConsistencyProof, root1: Uint8Array, root2: Uint8Array): void {
  const seed = proof.size1 * 31 + proof.size2;

  expect(isValidConsistency(proof, flipBit(root1, seed % 256), root2)).toBe(false);
  expect(isValidConsistency(proof, root1, flipBit(root2, seed % 256))).toBe(false);

  proof.hashes.forEach((hash, position) => {
    const hashes = [...proof.hashes];
    hashes[position] = flipBit(hash, (seed + position * 37) % 256);
    expect(isValidConsistency(withHashes(proof, hashes), root1, root2)).toBe(false);
  });

  expect(isValidConsistency(withHashes(proof, [...proof.hashes, root2]), root1, root2)).toBe(false);
  if (proof.hashes.length > 0) {
    expect(isValidConsistency(withHashes(proof, proof.hashes.slice(0, -1)), root1, root2)).toBe(false);
  }
}
