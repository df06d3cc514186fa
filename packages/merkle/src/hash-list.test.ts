import { describe, expect, it } from 'vitest';

import { HashList } from './hash-list.js';

function filledHash(value: number): Uint8Array {
  return new Uint8Array(32).fill(value);
}

describe('HashList', () => {
  it('keeps every hash across growth', () => {
    const list = new HashList();

    for (let i = 0; i < 100; i++) {
      list.push(filledHash(i));
    }

    expect(list.length).toBe(100);
    for (let i = 0; i < 100; i++) {
      expect(list.view(i)).toEqual(filledHash(i));
    }
  });

  it('copies pushed hashes', () => {
    const list = new HashList();
    const hash = filledHash(7);

    list.push(hash);
    hash.fill(0);

    expect(list.view(0)).toEqual(filledHash(7));
  });

  it('rejects an index past the end', () => {
    const list = new HashList();
    list.push(filledHash(1));

    expect(() => list.view(1)).toThrow(RangeError);
    expect(() => list.view(-1)).toThrow(RangeError);
  });

  it('stops at the capacity limit', () => {
    const list = new HashList(20);

    for (let i = 0; i < 20; i++) {
      list.push(filledHash(i));
    }

    expect(() => list.push(filledHash(99))).toThrow(
      expect.objectContaining({ code: 'MERKLE_TREE_FULL', message: expect.stringContaining('more than 20 hashes') }),
    );
    expect(list.length).toBe(20);
    expect(list.view(19)).toEqual(filledHash(19));
  });
});
