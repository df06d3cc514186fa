import { CompactMerkleTree, MerkleTree, leafHash } from '@auditgate/merkle';
import { describe, expect, it } from 'vitest';

import { ProofError } from '../errors.js';
import { ProofTree } from './proof-tree.js';

const MAX_SIZE = 21;
const leaves = Array.from({ length: MAX_SIZE }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
const full = new MerkleTree(leaves);

function treeFrom(baseSize: number, size: number): ProofTree {
  const tree = new ProofTree(new CompactMerkleTree(leaves.slice(0, baseSize)).frontier());
  leaves.slice(baseSize, size).forEach((leaf) => tree.append(leaf));
  return tree;
}

// Every root and proof a tree over a frontier can build must equal the full tree's.
describe('ProofTree against MerkleTree', () => {
  it.each(Array.from({ length: MAX_SIZE + 1 }, (_, base) => base))('base size %i', (base) => {
    const tree = treeFrom(base, MAX_SIZE);

    for (let size = Math.max(base, 1); size <= MAX_SIZE; size++) {
      expect(tree.rootAt(size)).toEqual(full.rootAt(size));

      for (let index = base; index < size; index++) {
        expect(tree.inclusionProof(index, size)).toEqual(full.inclusionProof(index, size));
      }
      for (let size1 = Math.max(base, 1); size1 <= size; size1++) {
        expect(tree.consistencyProof(size1, size)).toEqual(full.consistencyProof(size1, size));
      }
    }
  });

  it('grows beyond its first buffer', () => {
    const many = Array.from({ length: 300 }, (_, i) => leafHash(Uint8Array.of(i % 256, i >> 8)));
    const tree = new ProofTree();
    many.forEach((leaf) => tree.append(leaf));

    expect(tree.rootAt(300)).toEqual(new MerkleTree(many).root());
    expect(tree.leafAt(299)).toEqual(many[299]);
  });
});

describe('ProofTree limits', () => {
  it('rejects a leaf below the base', () => {
    const tree = treeFrom(6, 10);

    expect(() => tree.inclusionProof(5, 10)).toThrow(ProofError);
    expect(() => tree.inclusionProof(5, 10)).toThrow('entry 5 was removed by pruning');
    expect(() => tree.leafAt(2)).toThrow(ProofError);
  });

  it('rejects a consistency proof from below the base', () => {
    expect(() => treeFrom(6, 10).consistencyProof(5, 10)).toThrow('entry 5 was removed by pruning');
  });

  it('rejects a size beyond its leaves', () => {
    expect(() => treeFrom(0, 4).rootAt(5)).toThrow('only 4 are at hand');
  });
});
