import { describe, expect, it } from 'vitest';

import { referenceRoot, sampleLeafHashes } from '../test/reference-tree.js';
import { CompactMerkleTree, rootFromLeafHashes } from './compact-tree.js';
import { HashLengthError } from './errors.js';
import { emptyRoot, nodeHash } from './hashing.js';

const leaves = sampleLeafHashes(8);

describe('CompactMerkleTree', () => {
  it('starts empty with the empty root', () => {
    const tree = new CompactMerkleTree();

    expect(tree.size).toBe(0);
    expect(tree.root()).toEqual(emptyRoot());
  });

  it('append returns the new leaf index', () => {
    const tree = new CompactMerkleTree();

    expect(tree.append(leaves[0] as Uint8Array)).toBe(0);
    expect(tree.append(leaves[1] as Uint8Array)).toBe(1);
    expect(tree.size).toBe(2);
  });

  it('root of one leaf is the leaf hash', () => {
    expect(new CompactMerkleTree([leaves[0] as Uint8Array]).root()).toEqual(leaves[0]);
  });

  it('root of three leaves splits 2 + 1', () => {
    const [a, b, c] = leaves as [Uint8Array, Uint8Array, Uint8Array];

    expect(new CompactMerkleTree([a, b, c]).root()).toEqual(nodeHash(nodeHash(a, b), c));
  });

  it('root after each append matches the reference', () => {
    const tree = new CompactMerkleTree();

    leaves.forEach((leaf, index) => {
      tree.append(leaf);
      expect(tree.root()).toEqual(referenceRoot(leaves.slice(0, index + 1)));
    });
  });

  it('copies appended hashes', () => {
    const leaf = (leaves[0] as Uint8Array).slice();
    const tree = new CompactMerkleTree([leaf]);

    leaf.fill(0);

    expect(tree.root()).toEqual(leaves[0]);
  });

  it('returns a root the caller may modify', () => {
    const tree = new CompactMerkleTree([leaves[0] as Uint8Array]);

    tree.root().fill(0);

    expect(tree.root()).toEqual(leaves[0]);
  });

  it('rejects a leaf hash of the wrong length', () => {
    const tree = new CompactMerkleTree(leaves.slice(0, 3));

    expect(() => tree.append(new Uint8Array(20))).toThrow(HashLengthError);
    expect(() => tree.append(new Uint8Array(20))).toThrow('leaf hash at index 3 has 20 bytes');
    expect(tree.size).toBe(3);
  });
});

describe('rootFromLeafHashes', () => {
  it('returns the empty root for no leaves', () => {
    expect(rootFromLeafHashes([])).toEqual(emptyRoot());
  });

  it('names the bad leaf', () => {
    const hashes = [...leaves.slice(0, 2), new Uint8Array(33)];

    expect(() => rootFromLeafHashes(hashes)).toThrow('leaf hash at index 2 has 33 bytes');
  });

  // One million leaves, so that an implementation that recursed per leaf or copied slices
  // would overflow the stack or run out of memory. The leaf hashes are synthetic
  // 32-byte values because only the tree hashing is under test here.
  it('handles one million leaves', { timeout: 120_000 }, () => {
    const count = 1_000_000;
    const hashes = Array.from({ length: count }, (_, index) => {
      const hash = new Uint8Array(32);
      new DataView(hash.buffer).setUint32(0, index);
      return hash;
    });

    expect(rootFromLeafHashes(hashes)).toEqual(referenceRoot(hashes));
  });
});
