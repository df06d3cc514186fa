import { describe, expect, it } from 'vitest';

import { referenceInclusionPath, referenceRoot, sampleLeafHashes } from '../test/reference-tree.js';
import { HashLengthError, MerkleRangeError, ProofShapeError, RootMismatchError } from './errors.js';
import type { InclusionProof } from './proofs.js';
import { isValidInclusion, rootFromInclusionProof, verifyInclusion } from './verify-inclusion.js';

const leaves = sampleLeafHashes(6);
const root = referenceRoot(leaves);
const leaf = leaves[4] as Uint8Array;
const proof: InclusionProof = { leafIndex: 4, treeSize: 6, hashes: referenceInclusionPath(4, leaves) };

describe('rootFromInclusionProof', () => {
  it('recomputes the root', () => {
    expect(rootFromInclusionProof(leaf, proof)).toEqual(root);
  });

  it('returns the leaf hash itself for a one-leaf tree', () => {
    const only = leaves[0] as Uint8Array;
    const computed = rootFromInclusionProof(only, { leafIndex: 0, treeSize: 1, hashes: [] });

    expect(computed).toEqual(only);
    expect(computed).not.toBe(only);
  });
});

describe('verifyInclusion', () => {
  it('accepts a valid proof', () => {
    expect(() => verifyInclusion(leaf, proof, root)).not.toThrow();
    expect(isValidInclusion(leaf, proof, root)).toBe(true);
  });

  it('reports a root mismatch with both roots', () => {
    const otherLeaf = leaves[5] as Uint8Array;
    let caught: unknown;
    try {
      verifyInclusion(otherLeaf, proof, root);
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(RootMismatchError);
    const mismatch = caught as RootMismatchError;
    expect(mismatch.code).toBe('MERKLE_ROOT_MISMATCH');
    expect(mismatch.treeSize).toBe(6);
    expect(mismatch.expected).toEqual(root);
    expect(mismatch.computed).toEqual(rootFromInclusionProof(otherLeaf, proof));
    expect(mismatch.message).toContain('inclusion proof for leaf 4 failed');
  });

  it('rejects the proof for another index', () => {
    expect(isValidInclusion(leaf, { ...proof, leafIndex: 5 }, root)).toBe(false);
  });

  it('rejects index out of range', () => {
    expect(() => verifyInclusion(leaf, { ...proof, leafIndex: 6 }, root)).toThrow(MerkleRangeError);
    expect(() => verifyInclusion(leaf, { ...proof, treeSize: 0 }, root)).toThrow(MerkleRangeError);
  });

  it('rejects an unsafe index', () => {
    expect(() => verifyInclusion(leaf, { ...proof, leafIndex: 2 ** 64 - 1 }, root)).toThrow(
      expect.objectContaining({ code: 'MERKLE_INVALID_INTEGER' }),
    );
  });

  it('rejects a leaf hash of the wrong length', () => {
    expect(() => verifyInclusion(new Uint8Array(0), proof, root)).toThrow(HashLengthError);
  });

  it('rejects padded and truncated proofs before hashing', () => {
    const padded = { ...proof, hashes: [...proof.hashes, root] };
    const truncated = { ...proof, hashes: proof.hashes.slice(1) };

    expect(() => verifyInclusion(leaf, padded, root)).toThrow(ProofShapeError);
    expect(() => verifyInclusion(leaf, truncated, root)).toThrow(ProofShapeError);
  });

  it('rejects a proof that is not an object', () => {
    expect(() => verifyInclusion(leaf, null as unknown as InclusionProof, root)).toThrow(ProofShapeError);
  });

  it('rejects a root of the wrong length as a mismatch', () => {
    expect(() => verifyInclusion(leaf, proof, root.subarray(0, 31))).toThrow(RootMismatchError);
  });
});

describe('isValidInclusion', () => {
  it('returns false for every MerkleError', () => {
    expect(isValidInclusion(leaf, { ...proof, treeSize: 2 }, root)).toBe(false);
    expect(isValidInclusion(new Uint8Array(1), proof, root)).toBe(false);
    expect(isValidInclusion(leaf, { ...proof, hashes: [] }, root)).toBe(false);
  });

  it('rethrows errors that are not MerkleErrors', () => {
    const broken = {
      leafIndex: 0,
      treeSize: 1,
      get hashes(): Uint8Array[] {
        throw new TypeError('storage failed');
      },
    };

    expect(() => isValidInclusion(leaf, broken, root)).toThrow(TypeError);
  });
});
