import { describe, expect, it } from 'vitest';

import { MerkleRangeError } from './errors.js';
import { assertConsistencySizes, assertIndexBelow, assertTreeInteger } from './size-checks.js';

describe('assertTreeInteger', () => {
  it.each([0, 1, Number.MAX_SAFE_INTEGER])('accepts %d', (value) => {
    expect(() => assertTreeInteger(value, 'treeSize')).not.toThrow();
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 64])('rejects %d', (value) => {
    const action = (): void => assertTreeInteger(value, 'treeSize');

    expect(action).toThrow(MerkleRangeError);
    expect(action).toThrow(/^treeSize is .* but must be an integer from 0 to 9007199254740991$/);
  });

  it('rejects a bigint passed from untyped code', () => {
    expect(() => assertTreeInteger(5n as unknown as number, 'leafIndex')).toThrow(/leafIndex is 5 but/);
  });
});

describe('assertIndexBelow', () => {
  it('rejects index equal to the limit, naming both', () => {
    const action = (): void => assertIndexBelow(8, 8, 'leafIndex', 'treeSize');

    expect(action).toThrow(expect.objectContaining({ code: 'MERKLE_INDEX_OUT_OF_RANGE' }));
    expect(action).toThrow('leafIndex 8 is out of range for treeSize 8');
  });
});

describe('assertConsistencySizes', () => {
  it('accepts 0 < size1 <= size2', () => {
    expect(() => assertConsistencySizes(1, 1)).not.toThrow();
    expect(() => assertConsistencySizes(3, 9)).not.toThrow();
  });

  it('rejects size1 > size2', () => {
    expect(() => assertConsistencySizes(5, 4)).toThrow(
      expect.objectContaining({ code: 'MERKLE_SIZES_OUT_OF_ORDER', message: expect.stringContaining('size1 5') }),
    );
  });

  it('rejects size1 = 0 even with size2 = 0', () => {
    expect(() => assertConsistencySizes(0, 0)).toThrow(
      expect.objectContaining({ code: 'MERKLE_EMPTY_TREE_CONSISTENCY' }),
    );
    expect(() => assertConsistencySizes(0, 7)).toThrow(
      expect.objectContaining({ code: 'MERKLE_EMPTY_TREE_CONSISTENCY' }),
    );
  });
});
