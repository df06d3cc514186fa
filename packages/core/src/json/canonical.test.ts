import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { canonicalJson, MAX_JSON_DEPTH } from './canonical.js';
import { compareCodePoints, quotePyString } from './escape.js';
import { pyFloat, pyInt } from './lossless-number.js';

function fieldOf(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).field;
  }
  throw new Error('expected a ValidationError');
}

describe('canonicalJson', () => {
  it('sorts keys by code point at every depth', () => {
    const value = { b: 1, a: [{ z: 1, y: 2 }], '\u{10000}': 0, '\uffff': 0, '10': 0, '9': 0 };
    expect(canonicalJson(value)).toBe('{"10":0,"9":0,"a":[{"y":2,"z":1}],"b":1,"\\uffff":0,"\\ud800\\udc00":0}');
  });

  it('writes integral numbers as ints and others as Python floats', () => {
    expect(canonicalJson({ a: 5, b: 0.5, c: 1e-5, d: -0, e: 1e20 })).toBe(
      '{"a":5,"b":0.5,"c":1e-05,"d":0,"e":100000000000000000000}',
    );
  });

  it('keeps lossless spellings', () => {
    expect(canonicalJson([pyFloat(5), pyFloat(-0), pyInt('18446744073709551617'), pyInt(12n)])).toBe(
      '[5.0,-0.0,18446744073709551617,12]',
    );
  });

  it('escapes like ensure_ascii', () => {
    expect(canonicalJson('é\u2028\x7f\x00"\\/\n😀')).toBe('"\\u00e9\\u2028\\u007f\\u0000\\"\\\\/\\n\\ud83d\\ude00"');
  });

  it('keeps __proto__ as an ordinary key', () => {
    const value = JSON.parse('{"__proto__":{"x":1},"a":2}');
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"a":2}');
  });

  it.each([
    [{ a: undefined }, 'detail.a'],
    [{ a: () => 1 }, 'detail.a'],
    [{ a: Symbol('s') }, 'detail.a'],
    [{ a: 1n }, 'detail.a'],
    [{ a: Number.NaN }, 'detail.a'],
    [{ a: [1, Infinity] }, 'detail.a[1]'],
    [{ a: new Map() }, 'detail.a'],
    [{ a: { b: new Date(0) } }, 'detail.a.b'],
    [{ 'odd key': new Set() }, 'detail["odd key"]'],
  ])('rejects %o at its path', (value, field) => {
    expect(fieldOf(() => canonicalJson(value, 'detail'))).toBe(field);
  });

  it('rejects circular references', () => {
    const value: Record<string, unknown> = { list: [] };
    (value.list as unknown[]).push(value);
    expect(fieldOf(() => canonicalJson(value, 'detail'))).toBe('detail.list[0]');
  });

  it('accepts a shared, non-circular object twice', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it('limits nesting depth', () => {
    let deep: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH + 1; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(/deeper than/);
  });
});

describe('canonicalJson error paths', () => {
  it('keeps the whole path in field but shortens it in the message', () => {
    let deep: unknown = { bad: undefined };
    for (let i = 0; i < 100; i++) deep = { level: deep };
    try {
      canonicalJson(deep, 'detail');
      expect.unreachable('accepted undefined');
    } catch (error) {
      const { field, message } = error as ValidationError;
      expect(field).toBe(`detail${'.level'.repeat(100)}.bad`);
      expect(message.length).toBeLessThan(250);
      expect(message).toContain('.level.bad: undefined is not JSON');
      expect(message).toContain('…');
    }
  });
});

describe('compareCodePoints', () => {
  // Python's order of str keys, by code point, for prefixes that end in a lone high surrogate.
  it.each([
    ['\ud800A', '\ud800\ud800\udc00'],
    ['\ud800\ud800', '\ud800\udc00'],
    ['\ud800\uffff', '\ud800\udc00'],
    ['\ud800', '\ud800\udc00'],
    ['\uffff', '\u{10000}'],
    ['\ud800\udc00', '\ud800\udc01'],
  ])('puts %j before %j, whatever the insertion order', (first, second) => {
    const expected = `{${quotePyString(first)}:1,${quotePyString(second)}:2}`;
    expect(canonicalJson({ [first]: 1, [second]: 2 })).toBe(expected);
    expect(canonicalJson({ [second]: 2, [first]: 1 })).toBe(expected);
    expect(compareCodePoints(first, second)).toBeLessThan(0);
    expect(compareCodePoints(second, first)).toBeGreaterThan(0);
  });
});
