import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { fromHex, toHex } from './encoding.js';
import { HashLengthError } from './errors.js';
import { HASH_SIZE, assertHashLength, emptyRoot, equalBytes, leafHash, nodeHash } from './hashing.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('known answers', () => {
  it('emptyRoot is SHA-256 of the empty string', () => {
    expect(toHex(emptyRoot())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('leafHash of empty data is SHA-256(0x00)', () => {
    expect(toHex(leafHash(new Uint8Array(0)))).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
  });

  it('leafHash prefixes 0x00 to the data', () => {
    const expected = createHash('sha256').update(Uint8Array.of(0x00)).update(bytes('abc')).digest();

    expect(leafHash(bytes('abc'))).toEqual(new Uint8Array(expected));
  });

  it('nodeHash prefixes 0x01 to left then right', () => {
    const left = leafHash(bytes('left'));
    const right = leafHash(bytes('right'));
    const expected = createHash('sha256').update(Uint8Array.of(0x01)).update(left).update(right).digest();

    expect(nodeHash(left, right)).toEqual(new Uint8Array(expected));
  });

  it('results are plain 32-byte Uint8Arrays', () => {
    for (const hash of [emptyRoot(), leafHash(bytes('x')), nodeHash(bytes('a'), bytes('b'))]) {
      expect(hash.constructor).toBe(Uint8Array);
      expect(hash.length).toBe(HASH_SIZE);
    }
  });
});

describe('domain separation', () => {
  const left = leafHash(bytes('a'));
  const right = leafHash(bytes('b'));

  it('node hash differs from leaf hash of the same bytes', () => {
    const concatenated = new Uint8Array([...left, ...right]);

    expect(equalBytes(nodeHash(left, right), leafHash(concatenated))).toBe(false);
  });

  it('node input as leaf data differs', () => {
    // The leaf prefix keeps a leaf from ever hashing to an interior node's value.
    const nodeInput = new Uint8Array([0x01, ...left, ...right]);

    expect(equalBytes(leafHash(nodeInput), nodeHash(left, right))).toBe(false);
  });

  it('child order matters', () => {
    expect(equalBytes(nodeHash(left, right), nodeHash(right, left))).toBe(false);
  });

  it('leaf hash differs from plain SHA-256', () => {
    const plain = new Uint8Array(createHash('sha256').update(bytes('a')).digest());

    expect(equalBytes(leafHash(bytes('a')), plain)).toBe(false);
  });
});

describe('assertHashLength', () => {
  it('accepts 32 bytes', () => {
    expect(() => assertHashLength(new Uint8Array(32), 'leafHash')).not.toThrow();
  });

  it('rejects other lengths naming the field', () => {
    const error = captureError(() => assertHashLength(new Uint8Array(31), 'leafHashes[4]'));

    expect(error).toBeInstanceOf(HashLengthError);
    expect(error).toMatchObject({ code: 'MERKLE_HASH_LENGTH', field: 'leafHashes[4]', actualLength: 31 });
    expect((error as Error).message).toContain('leafHashes[4] has 31 bytes');
  });

  it('rejects a value that is not a Uint8Array', () => {
    const error = captureError(() => assertHashLength('00'.repeat(32) as unknown as Uint8Array, 'leafHash'));

    expect(error).toMatchObject({ code: 'MERKLE_HASH_LENGTH', actualLength: undefined });
    expect((error as Error).message).toContain('leafHash is not a Uint8Array');
  });
});

describe('equalBytes', () => {
  it('compares content and length', () => {
    expect(equalBytes(fromHex('0102'), fromHex('0102'))).toBe(true);
    expect(equalBytes(fromHex('0102'), fromHex('0103'))).toBe(false);
    expect(equalBytes(fromHex('0102'), fromHex('010200'))).toBe(false);
  });
});

function captureError(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}
