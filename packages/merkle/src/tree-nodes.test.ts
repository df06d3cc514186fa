import { describe, expect, it } from 'vitest';

import { referenceRoot, sampleLeafHashes } from '../test/reference-tree.js';
import { TreeNodes } from './tree-nodes.js';

const leaves = sampleLeafHashes(70);

describe('TreeNodes.rangeHash', () => {
  const nodes = new TreeNodes();
  for (const leaf of leaves) {
    nodes.appendLeaf(leaf);
  }

  it('counts leaves', () => {
    expect(nodes.leafCount).toBe(70);
  });

  it('equals MTH for every prefix', () => {
    for (let end = 1; end <= leaves.length; end++) {
      expect(nodes.rangeHash(0, end)).toEqual(referenceRoot(leaves, 0, end));
    }
  });

  it('equals MTH for aligned ranges', () => {
    // start is a multiple of a power of two that is at least the range width.
    const ranges: Array<[number, number]> = [
      [32, 64],
      [32, 70],
      [64, 70],
      [48, 61],
      [8, 13],
      [69, 70],
    ];

    for (const [start, end] of ranges) {
      expect(nodes.rangeHash(start, end)).toEqual(referenceRoot(leaves, start, end));
    }
  });

  it('returns a copy of a stored leaf for a one-leaf range', () => {
    const hash = nodes.rangeHash(5, 6);
    hash.fill(0);

    expect(nodes.leafView(5)).toEqual(leaves[5]);
  });
});
