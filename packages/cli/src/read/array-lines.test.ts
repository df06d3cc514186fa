import { describe, expect, it } from 'vitest';
import { arrayElementLines } from './array-lines.js';

describe('arrayElementLines', () => {
  it('finds the line of each element of a pretty array', () => {
    const text = '[\n  {"a": 1},\n  {"b": [1,\n 2]},\n\n  "x"\n]';

    expect(arrayElementLines(text)).toEqual([2, 3, 6]);
  });

  it('ignores brackets, commas and escaped quotes inside strings', () => {
    const text = '[{"s": "],[\\"{"},\n{"t": "\\\\"}, 3]';

    expect(arrayElementLines(text)).toEqual([1, 2, 2]);
  });

  it('returns nothing for an empty array', () => {
    expect(arrayElementLines('[\n]')).toEqual([]);
  });
});
