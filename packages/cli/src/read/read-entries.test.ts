import { Readable } from 'node:stream';
import { LosslessNumber, type EntryLocation, type JsonValue } from '@auditgate/core';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import type { Input } from './open-input.js';
import { readEntries, type ReadSummary, type UnreadableLine } from './read-entries.js';

function input(text: string): Input {
  return { name: 'in', stream: Readable.from([text]), size: null, bytesRead: () => 0, close: async () => undefined };
}

interface Read extends ReadSummary {
  calls: Array<['entry' | 'document', JsonValue[], EntryLocation[]]>;
}

async function read(text: string): Promise<Read> {
  const calls: Read['calls'] = [];
  const summary = await readEntries(input(text), {
    entry: (value, location) => calls.push(['entry', [value], [location]]),
    document: (values, locations) => calls.push(['document', [...values], [...locations]]),
  });
  return { ...summary, calls };
}

describe('readEntries', () => {
  it('streams JSON Lines one entry per call, skipping blank lines', async () => {
    const result = await read('\n{"a":1}\r\n\n{"b":2}\n');

    expect(result.format).toBe('jsonl');
    expect(result.entries).toBe(2);
    expect(result.calls).toEqual([
      ['entry', [{ a: 1 }], [{ file: 'in', line: 2 }]],
      ['entry', [{ b: 2 }], [{ file: 'in', line: 4 }]],
    ]);
  });

  it('reads a pretty-printed object as one document', async () => {
    const result = await read('\n{\n  "ts": 5.0\n}\n');

    expect(result.format).toBe('object');
    expect(result.calls).toHaveLength(1);
    const [kind, values, locations] = result.calls[0]!;
    expect(kind).toBe('document');
    expect((values[0] as { ts: LosslessNumber }).ts).toEqual(new LosslessNumber('5.0', 'float'));
    expect(locations).toEqual([{ file: 'in', line: 2 }]);
  });

  it('reads an array with the line of each element', async () => {
    const result = await read('[\n  {"a": 1},\n  {"a": 2}\n]\n');

    expect(result.format).toBe('array');
    expect(result.calls).toEqual([['document', [{ a: 1 }, { a: 2 }], [{ file: 'in', line: 2 }, { file: 'in', line: 3 }]]]);
  });

  it('strips a byte order mark', async () => {
    const result = await read('\ufeff{"a":1}\n');

    expect(result.calls).toEqual([['entry', [{ a: 1 }], [{ file: 'in', line: 1 }]]]);
  });

  it('reports blank input as empty', async () => {
    expect(await read(' \n\n')).toEqual({ format: 'empty', entries: 0, calls: [] });
  });

  it('keeps non-object lines for the verifier to report', async () => {
    const result = await read('{"a":1}\n[1]\n');

    expect(result.calls[1]).toEqual(['entry', [[1]], [{ file: 'in', line: 2 }]]);
  });

  it('rejects a broken line with its position', async () => {
    await expect(read('{"a":1}\n{"a":\n')).rejects.toThrow(new InputError('in:2:6: line 2 is not valid JSON: unexpected end of input'));
  });

  it('hands a broken later line to unreadable', async () => {
    const unreadable: UnreadableLine[] = [];
    const calls: EntryLocation[] = [];
    const summary = await readEntries(input('{"a":1}\nnot json\n{"a":\n{"b":2}\n'), {
      entry: (_value, location) => calls.push(location),
      document: () => undefined,
      unreadable: (line) => unreadable.push(line),
    });

    expect(summary).toEqual({ format: 'jsonl', entries: 4 });
    expect(calls).toEqual([{ file: 'in', line: 1 }, { file: 'in', line: 4 }]);
    expect(unreadable).toEqual([
      { location: { file: 'in', line: 2 }, message: 'line is not valid JSON at column 1: expected a JSON value, found "not json"' },
      { location: { file: 'in', line: 3 }, message: 'line is not valid JSON at column 6: unexpected end of input' },
    ]);
  });

  it('rejects a broken first line even with unreadable', async () => {
    const reading = readEntries(input('{"a": }\n{"a":1}\n'), { entry: () => undefined, document: () => undefined, unreadable: () => undefined });

    await expect(reading).rejects.toThrow(new InputError('in:1:7: line 1 is not valid JSON: expected a JSON value, found "}"'));
  });

  it('quotes what it found where a comma was expected', async () => {
    await expect(read('[{"a":1} {"a":2}]\n')).rejects.toThrow(new InputError('in:1:10: invalid JSON: expected \',\' or \']\', found "{\\"a\\":2}]"'));
  });
});
