import { describe, expect, it } from 'vitest';

import { referenceConsistencyProof, referenceInclusionPath, referenceRoot, sampleLeafHashes } from '../test/reference-tree.js';
import { HashLengthError, MerkleRangeError } from './errors.js';
import { emptyRoot } from './hashing.js';
import { MerkleTree } from './merkle-tree.js';

const leaves = sampleLeafHashes(10);

function treeOf(size: number): MerkleTree {
  return new MerkleTree(leaves.slice(0, size));
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('MerkleTree basics', () => {
  it('empty tree has size 0 and the empty root', () => {
    const tree = new MerkleTree();

    expect(tree.size).toBe(0);
    expect(tree.root()).toEqual(emptyRoot());
    expect(tree.rootAt(0)).toEqual(emptyRoot());
  });

  it('append returns indices and grows size', () => {
    const tree = new MerkleTree();

    expect(tree.append(leaves[0] as Uint8Array)).toBe(0);
    expect(tree.append(leaves[1] as Uint8Array)).toBe(1);
    expect(tree.size).toBe(2);
  });

  it('rootAt returns historical roots', () => {
    const tree = treeOf(10);

    for (let size = 0; size <= 10; size++) {
      expect(tree.rootAt(size)).toEqual(referenceRoot(leaves.slice(0, size)));
    }
  });

  it('leafHashAt returns a copy', () => {
    const tree = treeOf(3);

    tree.leafHashAt(1).fill(0);

    expect(tree.leafHashAt(1)).toEqual(leaves[1]);
  });

  it('appended hashes are copied', () => {
    const leaf = (leaves[0] as Uint8Array).slice();
    const tree = new MerkleTree([leaf]);

    leaf.fill(0);

    expect(tree.root()).toEqual(leaves[0]);
  });

  it('proof hashes are copies', () => {
    const tree = treeOf(4);

    tree.inclusionProof(0).hashes.forEach((hash) => hash.fill(0));

    expect(tree.inclusionProof(0).hashes).toEqual(referenceInclusionPath(0, leaves.slice(0, 4)));
  });

  it('rejects a leaf hash of the wrong length', () => {
    const tree = treeOf(2);

    expect(() => tree.append(new Uint8Array(64))).toThrow(HashLengthError);
    expect(tree.size).toBe(2);
  });
});

describe('MerkleTree.inclusionProof', () => {
  it('names the sizes it was built for', () => {
    const proof = treeOf(7).inclusionProof(3, 5);

    expect(proof.leafIndex).toBe(3);
    expect(proof.treeSize).toBe(5);
    expect(proof.hashes).toEqual(referenceInclusionPath(3, leaves.slice(0, 5)));
  });

  it('defaults treeSize to the current size', () => {
    expect(treeOf(7).inclusionProof(2).treeSize).toBe(7);
  });

  it('is empty for the only leaf', () => {
    expect(treeOf(1).inclusionProof(0).hashes).toEqual([]);
  });

  it('rejects leafIndex >= treeSize', () => {
    const tree = treeOf(5);

    expect(codeOf(() => tree.inclusionProof(3, 3))).toBe('MERKLE_INDEX_OUT_OF_RANGE');
    expect(() => tree.inclusionProof(3, 3)).toThrow('leafIndex 3 is out of range for treeSize 3');
    expect(codeOf(() => new MerkleTree().inclusionProof(0))).toBe('MERKLE_INDEX_OUT_OF_RANGE');
  });

  it('rejects treeSize beyond the tree', () => {
    const tree = treeOf(5);

    expect(codeOf(() => tree.inclusionProof(0, 6))).toBe('MERKLE_SIZE_OUT_OF_RANGE');
    expect(() => tree.inclusionProof(0, 6)).toThrow('treeSize 6 exceeds the current tree size 5');
  });

  it('rejects non-integers', () => {
    const tree = treeOf(5);

    expect(codeOf(() => tree.inclusionProof(-1, 5))).toBe('MERKLE_INVALID_INTEGER');
    expect(codeOf(() => tree.inclusionProof(1.5, 5))).toBe('MERKLE_INVALID_INTEGER');
    expect(codeOf(() => tree.inclusionProof(0, Number.NaN))).toBe('MERKLE_INVALID_INTEGER');
  });
});

describe('MerkleTree.consistencyProof', () => {
  it('names the sizes it was built for', () => {
    const proof = treeOf(9).consistencyProof(3, 7);

    expect(proof.size1).toBe(3);
    expect(proof.size2).toBe(7);
    expect(proof.hashes).toEqual(referenceConsistencyProof(3, leaves.slice(0, 7)));
  });

  it('defaults size2 to the current size', () => {
    expect(treeOf(9).consistencyProof(4).size2).toBe(9);
  });

  it('is empty for equal sizes', () => {
    expect(treeOf(6).consistencyProof(6, 6).hashes).toEqual([]);
  });

  it('rejects size1 > size2', () => {
    const tree = treeOf(6);

    expect(codeOf(() => tree.consistencyProof(5, 4))).toBe('MERKLE_SIZES_OUT_OF_ORDER');
    expect(() => tree.consistencyProof(5, 4)).toThrow('size1 5 is greater than size2 4');
  });

  it('rejects size1 = 0', () => {
    const tree = treeOf(6);

    expect(codeOf(() => tree.consistencyProof(0, 6))).toBe('MERKLE_EMPTY_TREE_CONSISTENCY');
    expect(codeOf(() => new MerkleTree().consistencyProof(0, 0))).toBe('MERKLE_EMPTY_TREE_CONSISTENCY');
  });

  it('rejects size2 beyond the tree', () => {
    const tree = treeOf(6);

    expect(codeOf(() => tree.consistencyProof(2, 7))).toBe('MERKLE_SIZE_OUT_OF_RANGE');
    expect(() => tree.consistencyProof(2, 7)).toThrow(MerkleRangeError);
  });
});
