import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.js';
import { LosslessNumber } from './lossless-number.js';
import { JsonSyntaxError, MAX_PARSE_DEPTH, parseLosslessJson } from './parse.js';

describe('parseLosslessJson', () => {
  it('keeps number spellings that JSON.parse loses', () => {
    const text = '[5.0,-0.0,1e+16,18446744073709551617,1.5,7,1e-05,NaN,-Infinity]';
    const value = parseLosslessJson(text) as unknown[];
    expect(value[0]).toBeInstanceOf(LosslessNumber);
    expect(value[4]).toBe(1.5);
    expect(value[5]).toBe(7);
    expect(canonicalJson(value)).toBe(text);
  });

  it('keeps lone surrogates and __proto__ keys', () => {
    const value = parseLosslessJson('{"__proto__":1,"s":"\\ud800x"}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 's']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(value.s).toBe('\ud800x');
  });

  it('rejects a key repeated within one object', () => {
    expect(() => parseLosslessJson('{"a":1,"a":2}')).toThrow(/line 1, column 8: duplicate key "a"/);
    expect(() => parseLosslessJson('{"__proto__":1,"__proto__":2}')).toThrow(/duplicate key/);
    expect(parseLosslessJson('[{"a":1},{"a":2}]')).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it.each([
    ['{"a":1', 1, 7],
    ['[1,2,]', 1, 6],
    ['{"a":1}\n{"b":2}', 2, 1],
    ['"tab\there"', 1, 5],
    ['01', 1, 2],
    ['"\\x"', 1, 2],
    ['', 1, 1],
  ])('reports the position of %j', (text, line, column) => {
    try {
      parseLosslessJson(text);
      expect.unreachable('parsed invalid JSON');
    } catch (error) {
      expect(error).toBeInstanceOf(JsonSyntaxError);
      expect((error as JsonSyntaxError).line).toBe(line);
      expect((error as JsonSyntaxError).column).toBe(column);
    }
  });
});

describe('parseLosslessJson depth', () => {
  it('rejects nesting deeper than MAX_PARSE_DEPTH with a syntax error', () => {
    const deep = `${'['.repeat(MAX_PARSE_DEPTH + 2)}${']'.repeat(MAX_PARSE_DEPTH + 2)}`;
    expect(() => parseLosslessJson(deep)).toThrow(JsonSyntaxError);
    const fine = `${'['.repeat(500)}${']'.repeat(500)}`;
    expect(() => parseLosslessJson(fine)).not.toThrow();
  });
});
