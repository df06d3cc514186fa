import { describe, expect, it } from 'vitest';

import { referenceInclusionPath, sampleLeafHashes } from '../test/reference-tree.js';
import { ProofShapeError } from './errors.js';
import { assertProofHashes, assertProofObject, countPathHashes } from './proof-shape.js';

const hash = new Uint8Array(32);

describe('countPathHashes', () => {
  it('matches the reference inclusion path length', () => {
    const leaves = sampleLeafHashes(64);

    for (let size = 1; size <= leaves.length; size++) {
      for (let index = 0; index < size; index++) {
        const expected = referenceInclusionPath(index, leaves.slice(0, size)).length;
        expect(countPathHashes(index, size - 1)).toBe(expected);
      }
    }
  });

  it('handles indices above 32 bits', () => {
    // A full tree of 2^40 leaves has a 40-hash path, and one more leaf adds a level.
    expect(countPathHashes(0, 2 ** 40 - 1)).toBe(40);
    expect(countPathHashes(2 ** 40, 2 ** 40)).toBe(1);
    expect(countPathHashes(2 ** 40 - 1, 2 ** 40)).toBe(41);
  });
});

describe('assertProofHashes', () => {
  it('accepts the expected count of 32-byte hashes', () => {
    expect(() => assertProofHashes([hash, hash], 2, 'test proof')).not.toThrow();
  });

  it('rejects a wrong count with both numbers', () => {
    const action = (): void => assertProofHashes([hash], 3, 'test proof');

    expect(action).toThrow(ProofShapeError);
    expect(action).toThrow('test proof: proof has 1 hash but these sizes need exactly 3');
  });

  it('rejects a short hash naming its position', () => {
    expect(() => assertProofHashes([hash, new Uint8Array(0)], 2, 'test proof')).toThrow(
      'test proof: hashes[1] is 0 bytes',
    );
  });

  it('rejects a hash that is not a Uint8Array', () => {
    expect(() => assertProofHashes(['00'], 1, 'test proof')).toThrow('hashes[0] is not a Uint8Array');
  });

  it.each([null, undefined, 'abc', { length: 0 }])('rejects hashes %j', (hashes) => {
    expect(() => assertProofHashes(hashes, 0, 'test proof')).toThrow(ProofShapeError);
  });
});

describe('assertProofObject', () => {
  it.each([null, undefined, 3, 'proof'])('rejects %j', (proof) => {
    expect(() => assertProofObject(proof)).toThrow(ProofShapeError);
  });
});
