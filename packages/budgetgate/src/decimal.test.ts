import { describe, expect, it } from 'vitest';

import { Decimal } from './decimal.js';
import { AmountPrecisionError, InvalidAmountError } from './errors.js';

describe('Decimal', () => {
  describe('from', () => {
    it.each([
      ['0', '0'],
      ['-0', '0'],
      ['0.10', '0.1'],
      ['007.50', '7.5'],
      ['-0.05', '-0.05'],
      ['100.00', '100'],
      ['12345678901234567890.123456789', '12345678901234567890.123456789'],
    ])('reads %j as %s', (text, canonical) => {
      expect(Decimal.from(text).toString()).toBe(canonical);
    });

    it.each(['', '1.', '.5', '+1', '1e3', ' 1', '1 ', '1,5', '0x10', 'NaN', 'Infinity', '--1', '1.2.3', '-', '1_000'])(
      'rejects %j',
      (text) => {
        expect(() => Decimal.from(text)).toThrow(InvalidAmountError);
      },
    );

    it('accepts safe integers and bigints', () => {
      expect(Decimal.from(42).toString()).toBe('42');
      expect(Decimal.from(-7).toString()).toBe('-7');
      expect(Decimal.from(12345678901234567890123n).toString()).toBe('12345678901234567890123');
    });

    it.each([0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects the number %d', (value) => {
      expect(() => Decimal.from(value)).toThrow(/safe integers/);
    });

    it.each([null, undefined, true, {}, []])('rejects %j', (value) => {
      expect(() => Decimal.from(value as unknown as string)).toThrow(InvalidAmountError);
    });

    it('names the field in errors', () => {
      try {
        Decimal.from('abc', 'estimate');
        expect.unreachable();
      } catch (error) {
        expect((error as InvalidAmountError).field).toBe('estimate');
        expect((error as Error).message).toMatch(/^Invalid estimate "abc"/);
      }
    });

    it('returns a Decimal unchanged', () => {
      const value = Decimal.from('1.5');

      expect(Decimal.from(value)).toBe(value);
    });
  });

  describe('arithmetic', () => {
    it('0.1 + 0.2 equals 0.3 exactly', () => {
      const sum = Decimal.from('0.1').add(Decimal.from('0.2'));

      expect(sum.equals(Decimal.from('0.3'))).toBe(true);
      expect(sum.toString()).toBe('0.3');
    });

    it('10000 additions of 0.01 give exactly 100.00', () => {
      const cent = Decimal.from('0.01');
      let total = Decimal.ZERO;
      for (let i = 0; i < 10_000; i += 1) {
        total = total.add(cent);
      }

      expect(total.equals(Decimal.from('100.00'))).toBe(true);
      expect(total.toString()).toBe('100');
    });

    it('subtracts and compares across scales', () => {
      expect(Decimal.from('1').subtract(Decimal.from('0.001')).toString()).toBe('0.999');
      expect(Decimal.from('0.5').subtract(Decimal.from('2')).toString()).toBe('-1.5');
      expect(Decimal.from('1.50').compare(Decimal.from('1.5'))).toBe(0);
      expect(Decimal.from('1.49').compare(Decimal.from('1.5'))).toBe(-1);
      expect(Decimal.from('2').compare(Decimal.from('1.999999'))).toBe(1);
      expect(Decimal.from('-0.1').isNegative()).toBe(true);
      expect(Decimal.from('-0').isNegative()).toBe(false);
    });
  });

  describe('toUnits', () => {
    it('scales exactly', () => {
      expect(Decimal.from('1.5').toUnits(6)).toBe(1_500_000n);
      expect(Decimal.from('7').toUnits(2)).toBe(700n);
      expect(Decimal.from('0.1000000000').toUnits(6)).toBe(100_000n);
    });

    it('rejects digits beyond the scale', () => {
      expect(() => Decimal.from('0.0000001').toUnits(6, 'amount')).toThrow(AmountPrecisionError);
    });

    it('round-trips through fromUnits', () => {
      expect(Decimal.fromUnits(1_234_500n, 6).toString()).toBe('1.2345');
      expect(Decimal.fromUnits(-5n, 3).toString()).toBe('-0.005');
      expect(Decimal.fromUnits(0n, 6).toString()).toBe('0');
    });
  });

  it('serializes to a JSON string', () => {
    expect(JSON.stringify({ amount: Decimal.from('2.50') })).toBe('{"amount":"2.5"}');
  });
});
