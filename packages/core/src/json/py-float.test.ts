import { describe, expect, it } from 'vitest';
import { formatPyFloat } from './py-float.js';

describe('formatPyFloat', () => {
  it.each([
    [1000, '1000.0'],
    [0, '0.0'],
    [-0, '-0.0'],
    [0.5, '0.5'],
    [1e-5, '1e-05'],
    [1.2e-5, '1.2e-05'],
    [1e-7, '1e-07'],
    [2.5e-9, '2.5e-09'],
    [0.0001, '0.0001'],
    [0.00012, '0.00012'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [9999999999999998, '9999999999999998.0'],
    [123456789012345680, '1.2345678901234568e+17'],
    [1e21, '1e+21'],
    [1.5e300, '1.5e+300'],
    [5e-324, '5e-324'],
    [Number.MAX_VALUE, '1.7976931348623157e+308'],
    [-1000, '-1000.0'],
    [-1.5e-7, '-1.5e-07'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1700000000.25, '1700000000.25'],
    [Number.NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
  ])('formats %d as %s', (value, expected) => {
    expect(formatPyFloat(value)).toBe(expected);
  });

  it('round-trips random doubles', () => {
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 2000; i++) {
      view.setUint32(0, (Math.random() * 2 ** 32) >>> 0);
      view.setUint32(4, (Math.random() * 2 ** 32) >>> 0);
      const value = view.getFloat64(0);
      if (!Number.isFinite(value)) continue;
      expect(Number(formatPyFloat(value))).toBe(value);
    }
  });
});
