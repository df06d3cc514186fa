import { describe, expect, it } from 'vitest';
import { FileStoreCorruptError } from './errors.js';
import { anchorLine, idsLine, isMetaRecord, parseMeta } from './trail-meta.js';

// The complete lines of a meta file's text, which ends with a newline.
function linesOf(text: string): string[] {
  return text.split('\n').slice(0, -1);
}

describe('trail meta file', () => {
  it('reads back what it writes; the last anchor counts', () => {
    const text =
      idsLine([[0, 'a'], [1, 'b']]) +
      anchorLine({ sequence: 0, entryHash: null, ts: 1000 }) +
      idsLine([[2, 'c']]) +
      anchorLine({ sequence: 1, entryHash: 'f'.repeat(64), ts: 1000.5 });

    expect(parseMeta(linesOf(text), 'x.meta')).toEqual({
      anchor: { sequence: 1, entryHash: 'f'.repeat(64), ts: 1000.5 },
      ids: [[0, 'a'], [1, 'b'], [2, 'c']],
    });
  });

  it('missing file has no anchor and no ids', () => {
    expect(parseMeta([], 'x.meta')).toEqual({ anchor: null, ids: [] });
  });

  it.each([
    ['not JSON', '{"ids":'],
    ['not an object', '[1,2]'],
    ['an unknown record', '{"tail":1}'],
    ['a bad id pair', '{"ids":[[1]]}'],
    ['a negative sequence', '{"ids":[[-1,"a"]]}'],
    ['an anchor without ts', '{"anchor":{"sequence":1,"entry_hash":null}}'],
    ['an anchor with a text sequence', '{"anchor":{"sequence":"1","entry_hash":null,"ts":1}}'],
  ])('rejects %s with its line number', (_name, line) => {
    let caught: unknown;
    try {
      parseMeta(linesOf(`${idsLine([[0, 'a']])}${line}\n`), 'x.meta');
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(FileStoreCorruptError);
    expect((caught as FileStoreCorruptError).line).toBe(2);
    expect((caught as FileStoreCorruptError).file).toBe('x.meta');
  });

  it('isMetaRecord on whole and torn lines', () => {
    expect(isMetaRecord(idsLine([[0, 'a']]).trimEnd())).toBe(true);
    expect(isMetaRecord(anchorLine({ sequence: 0, entryHash: null, ts: 1000 }).trimEnd())).toBe(true);
    expect(isMetaRecord('{"ids":[[0,"a"]')).toBe(false);
    expect(isMetaRecord('{"tail":1}')).toBe(false);
    expect(isMetaRecord('')).toBe(false);
  });
});
