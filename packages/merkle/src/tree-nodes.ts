import { foldPeaks } from './compact-tree.js';
import { HashList } from './hash-list.js';
import { nodeHash } from './hashing.js';
import { half, isOdd } from './integers.js';

/**
 * Hashes of every perfect subtree of an append-only tree. Level h, entry i is the root of
 * leaves [i * 2^h, (i + 1) * 2^h), and level 0 contains the leaf hashes. Storing about 2n
 * hashes lets any subtree hash that a proof needs be read in O(log n) instead of O(n).
 */
export class TreeNodes {
  readonly #levels: HashList[] = [new HashList()];

  get leafCount(): number {
    return (this.#levels[0] as HashList).length;
  }

  /** Stores a leaf hash and every perfect subtree root it completes. The hash is copied. */
  appendLeaf(hash: Uint8Array): void {
    const leafIndex = this.leafCount;
    (this.#levels[0] as HashList).push(hash);

    // An odd index is a right child, so its parent is complete now. The loop climbs while
    // the node just stored is a right child.
    let index = leafIndex;
    for (let level = 0; isOdd(index); level++) {
      const nodes = this.#levels[level] as HashList;
      const parent = nodeHash(nodes.view(index - 1), nodes.view(index));

      if (this.#levels[level + 1] === undefined) {
        this.#levels.push(new HashList());
      }
      (this.#levels[level + 1] as HashList).push(parent);
      index = half(index);
    }
  }

  /** Returns a view of the stored leaf hash at `index`. Callers must copy it before handing it out. */
  leafView(index: number): Uint8Array {
    return (this.#levels[0] as HashList).view(index);
  }

  /**
   * Computes MTH(D[start:end]) and returns a new array. Requires `start < end <= leafCount`,
   * and `start` must be a multiple of the smallest power of two that is at least
   * `end - start`. Every subtree in RFC 9162 proofs has this alignment. Such a range splits
   * into aligned perfect subtrees, taken greedily from the left, and folding them from the
   * right gives MTH.
   */
  rangeHash(start: number, end: number): Uint8Array {
    const peaks: Uint8Array[] = [];

    let position = start;
    while (position < end) {
      let width = 1;
      let level = 0;
      while (position % (width * 2) === 0 && position + width * 2 <= end) {
        width *= 2;
        level += 1;
      }

      peaks.push((this.#levels[level] as HashList).view(position / width));
      position += width;
    }

    return foldPeaks(peaks);
  }
}
