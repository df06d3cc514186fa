import { describe, expect, it } from 'vitest';
import { FileStoreCorruptError } from './errors.js';
import type { LineFile } from './files.js';
import { anchorLine, idsLine, parseMeta } from './trail-meta.js';

function file(text: string): LineFile {
  const lines = text.split('\n').slice(0, -1);
  return { lines, offsets: [], completeBytes: text.length, tornBytes: 0 };
}

describe('trail meta file', () => {
  it('reads back what it writes; the last anchor counts', () => {
    const text =
      idsLine([[0, 'a'], [1, 'b']]) +
      anchorLine({ sequence: 0, entryHash: null, ts: 1000 }) +
      idsLine([[2, 'c']]) +
      anchorLine({ sequence: 1, entryHash: 'f'.repeat(64), ts: 1000.5 });

    expect(parseMeta(file(text), 'x.meta')).toEqual({
      anchor: { sequence: 1, entryHash: 'f'.repeat(64), ts: 1000.5 },
      ids: [[0, 'a'], [1, 'b'], [2, 'c']],
    });
  });

  it('missing file has no anchor and no ids', () => {
    expect(parseMeta(null, 'x.meta')).toEqual({ anchor: null, ids: [] });
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
      parseMeta(file(`${idsLine([[0, 'a']])}${line}\n`), 'x.meta');
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(FileStoreCorruptError);
    expect((caught as FileStoreCorruptError).line).toBe(2);
    expect((caught as FileStoreCorruptError).file).toBe('x.meta');
  });
});
