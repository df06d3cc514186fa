import { describe, expect, it } from 'vitest';

import { referenceConsistencyProof, referenceRoot, sampleLeafHashes } from '../test/reference-tree.js';
import { MerkleRangeError, ProofShapeError, RootMismatchError } from './errors.js';
import { emptyRoot } from './hashing.js';
import type { ConsistencyProof } from './proofs.js';
import { isValidConsistency, verifyConsistency } from './verify-consistency.js';

const leaves = sampleLeafHashes(13);
const rootAt = (size: number): Uint8Array => referenceRoot(leaves.slice(0, size));
const proofBetween = (size1: number, size2: number): ConsistencyProof => ({
  size1,
  size2,
  hashes: referenceConsistencyProof(size1, leaves.slice(0, size2)),
});

function captureError(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('verifyConsistency', () => {
  it('accepts a proof from a size that is not a power of two', () => {
    expect(() => verifyConsistency(proofBetween(6, 13), rootAt(6), rootAt(13))).not.toThrow();
  });

  it('accepts a proof from a power of two, which omits the old root', () => {
    const proof = proofBetween(4, 13);

    expect(proof.hashes).not.toContainEqual(rootAt(4));
    expect(() => verifyConsistency(proof, rootAt(4), rootAt(13))).not.toThrow();
  });

  it('accepts equal sizes with an empty proof and equal roots', () => {
    expect(() => verifyConsistency({ size1: 5, size2: 5, hashes: [] }, rootAt(5), rootAt(5))).not.toThrow();
  });

  it('rejects equal sizes with different roots', () => {
    const error = captureError(() => verifyConsistency({ size1: 5, size2: 5, hashes: [] }, rootAt(5), rootAt(6)));

    expect(error).toBeInstanceOf(RootMismatchError);
    expect(error).toMatchObject({ treeSize: 5, expected: rootAt(6), computed: rootAt(5) });
  });

  it('rejects equal sizes with a non-empty proof', () => {
    const proof = { size1: 5, size2: 5, hashes: [rootAt(5)] };

    expect(() => verifyConsistency(proof, rootAt(5), rootAt(5))).toThrow(ProofShapeError);
  });

  it('rejects size1 = 0 whatever the proof and roots', () => {
    const empty = emptyRoot();
    const cases: Array<[ConsistencyProof, Uint8Array, Uint8Array]> = [
      [{ size1: 0, size2: 0, hashes: [] }, empty, empty],
      [{ size1: 0, size2: 3, hashes: [] }, empty, rootAt(3)],
      [{ size1: 0, size2: 3, hashes: [empty] }, empty, rootAt(3)],
    ];

    for (const [proof, root1, root2] of cases) {
      const error = captureError(() => verifyConsistency(proof, root1, root2));
      expect(error).toBeInstanceOf(MerkleRangeError);
      expect(error).toMatchObject({ code: 'MERKLE_EMPTY_TREE_CONSISTENCY' });
    }
  });

  it('rejects size1 > size2', () => {
    expect(() => verifyConsistency({ size1: 4, size2: 3, hashes: [] }, rootAt(4), rootAt(3))).toThrow(
      expect.objectContaining({ code: 'MERKLE_SIZES_OUT_OF_ORDER' }),
    );
  });

  it('reports which root failed', () => {
    const proof = proofBetween(6, 13);

    expect(captureError(() => verifyConsistency(proof, rootAt(7), rootAt(13)))).toMatchObject({
      code: 'MERKLE_ROOT_MISMATCH',
      treeSize: 6,
    });
    expect(captureError(() => verifyConsistency(proof, rootAt(6), rootAt(12)))).toMatchObject({
      code: 'MERKLE_ROOT_MISMATCH',
      treeSize: 13,
    });
  });

  it('rejects swapped roots', () => {
    expect(isValidConsistency(proofBetween(6, 13), rootAt(13), rootAt(6))).toBe(false);
  });

  it('rejects a proof reused for other sizes', () => {
    const proof = proofBetween(6, 13);

    expect(isValidConsistency({ ...proof, size1: 5 }, rootAt(5), rootAt(13))).toBe(false);
    expect(isValidConsistency({ ...proof, size2: 12 }, rootAt(6), rootAt(12))).toBe(false);
  });

  it('rejects an empty proof for growing sizes', () => {
    expect(() => verifyConsistency({ size1: 1, size2: 2, hashes: [] }, rootAt(1), rootAt(2))).toThrow(
      ProofShapeError,
    );
  });
});

describe('isValidConsistency', () => {
  it('mirrors verifyConsistency', () => {
    expect(isValidConsistency(proofBetween(3, 9), rootAt(3), rootAt(9))).toBe(true);
    expect(isValidConsistency(proofBetween(3, 9), rootAt(3), rootAt(8))).toBe(false);
  });

  it('rethrows errors that are not MerkleErrors', () => {
    const broken = {
      size1: 1,
      size2: 2,
      get hashes(): Uint8Array[] {
        throw new TypeError('storage failed');
      },
    };

    expect(() => isValidConsistency(broken, rootAt(1), rootAt(2))).toThrow(TypeError);
  });
});
