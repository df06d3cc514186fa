import { describe, expect, it } from 'vitest';

import {
  EncodingError,
  FrontierError,
  HashLengthError,
  MerkleError,
  MerkleRangeError,
  ProofShapeError,
  RootMismatchError,
} from './errors.js';

describe('error classes', () => {
  const errors = [
    new MerkleRangeError('MERKLE_INDEX_OUT_OF_RANGE', 'index'),
    new HashLengthError('leafHash', 3),
    new ProofShapeError('shape'),
    new RootMismatchError(4, new Uint8Array([0xaa]), new Uint8Array([0xbb]), 'check'),
    new EncodingError('encoding'),
    new FrontierError('frontier'),
  ];

  it.each(errors.map((error) => [error.name, error]))('%s is a MerkleError with its own name', (name, error) => {
    expect(error).toBeInstanceOf(MerkleError);
    expect(error).toBeInstanceOf(Error);
    expect(error.constructor.name).toBe(name);
    expect(error.code).toMatch(/^MERKLE_/);
  });

  it('RootMismatchError message shows both roots in hex', () => {
    const error = new RootMismatchError(4, new Uint8Array([0xaa]), new Uint8Array([0xbb]), 'check');

    expect(error.message).toBe('check: computed root bb for tree size 4 does not match expected root aa');
  });
});
