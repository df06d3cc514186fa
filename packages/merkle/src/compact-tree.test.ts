import { describe, expect, it } from 'vitest';

import { referenceRoot, sampleLeafHashes } from '../test/reference-tree.js';
import { CompactMerkleTree, rootFromLeafHashes } from './compact-tree.js';
import { FrontierError, HashLengthError, MerkleRangeError } from './errors.js';
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

describe('CompactMerkleTree frontier', () => {
  const many = sampleLeafHashes(70);

  it('has one hash per one bit of the size', () => {
    const tree = new CompactMerkleTree(many.slice(0, 6));
    const [a, b, c, d, e, f] = many as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];

    const frontier = tree.frontier();

    expect(frontier.size).toBe(6);
    expect(frontier.hashes).toEqual([nodeHash(nodeHash(a, b), nodeHash(c, d)), nodeHash(e, f)]);
  });

  it('of the empty tree is empty', () => {
    expect(new CompactMerkleTree().frontier()).toEqual({ size: 0, hashes: [] });
  });

  it('restores the root for every size up to 70', () => {
    for (let size = 0; size <= many.length; size++) {
      const { hashes } = new CompactMerkleTree(many.slice(0, size)).frontier();

      const restored = CompactMerkleTree.fromFrontier(size, hashes);

      expect(restored.size).toBe(size);
      expect(restored.root()).toEqual(referenceRoot(many.slice(0, size)));
    }
  });

  it('restored tree continues like the original', () => {
    for (let cut = 0; cut <= 33; cut++) {
      const { hashes } = new CompactMerkleTree(many.slice(0, cut)).frontier();
      const restored = CompactMerkleTree.fromFrontier(cut, hashes);

      for (let index = cut; index < 40; index++) {
        expect(restored.append(many[index] as Uint8Array)).toBe(index);
      }

      expect(restored.root()).toEqual(referenceRoot(many.slice(0, 40)));
      expect(restored.frontier()).toEqual(new CompactMerkleTree(many.slice(0, 40)).frontier());
    }
  });

  it('accepts a size above 2^32', () => {
    const size = 2 ** 40 + 2 ** 33 + 1;
    const hashes = [leaves[0], leaves[1], leaves[2]] as Uint8Array[];

    const restored = CompactMerkleTree.fromFrontier(size, hashes);

    expect(restored.size).toBe(size);
    expect(restored.append(leaves[3] as Uint8Array)).toBe(size);
    // 2^40 + 2^33 + 2: the lone leaf and the new one merge into a subtree of two.
    expect(restored.frontier().hashes).toEqual([leaves[0], leaves[1], nodeHash(leaves[2] as Uint8Array, leaves[3] as Uint8Array)]);
  });

  it('rejects the wrong number of hashes', () => {
    const { hashes } = new CompactMerkleTree(many.slice(0, 7)).frontier();

    expect(() => CompactMerkleTree.fromFrontier(7, hashes.slice(0, 2))).toThrow(FrontierError);
    expect(() => CompactMerkleTree.fromFrontier(7, hashes.slice(0, 2))).toThrow(
      'a frontier of tree size 7 needs exactly 3 hashes',
    );
    expect(() => CompactMerkleTree.fromFrontier(6, hashes)).toThrow(FrontierError);
  });

  it('rejects a hash of the wrong length', () => {
    expect(() => CompactMerkleTree.fromFrontier(1, [new Uint8Array(31)])).toThrow(HashLengthError);
    expect(() => CompactMerkleTree.fromFrontier(1, [new Uint8Array(31)])).toThrow('frontier hashes[0] has 31 bytes');
  });

  it('rejects an invalid size', () => {
    expect(() => CompactMerkleTree.fromFrontier(-1, [])).toThrow(MerkleRangeError);
    expect(() => CompactMerkleTree.fromFrontier(1.5, [])).toThrow(MerkleRangeError);
  });

  it('rejects hashes that are not an array', () => {
    expect(() => CompactMerkleTree.fromFrontier(0, 'abc' as unknown as Uint8Array[])).toThrow(FrontierError);
  });

  it('copies hashes in both directions', () => {
    const tree = new CompactMerkleTree(many.slice(0, 3));
    const exported = tree.frontier();
    (exported.hashes[0] as Uint8Array).fill(0);

    expect(tree.root()).toEqual(referenceRoot(many.slice(0, 3)));

    const input = new CompactMerkleTree(many.slice(0, 3)).frontier().hashes.map((hash) => hash.slice());
    const restored = CompactMerkleTree.fromFrontier(3, input);
    (input[1] as Uint8Array).fill(0);

    expect(restored.root()).toEqual(referenceRoot(many.slice(0, 3)));
  });
});
