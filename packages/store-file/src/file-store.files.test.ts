import { spawnSync } from 'node:child_process';
import { appendFile, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { serializeEntry } from '@auditgate/core';
import { awkwardDetail, buildRecords, entriesOf, tailOf } from '@auditgate/store-conformance';
import { describe, expect, it } from 'vitest';
import { FileStoreCorruptError } from './errors.js';
import { FileStore } from './file-store.js';
import { entriesPath, readText, useTempDirectory } from './test-support.js';

const TRAIL = 'billing:actiongate@user:42';
const directory = useTempDirectory();

async function openError(trail = TRAIL): Promise<unknown> {
  const store = await FileStore.open(directory());
  try {
    return await store.tail(trail).then(
      () => undefined,
      (error: unknown) => error,
    );
  } finally {
    await store.close();
  }
}

describe('FileStore files', () => {
  it('writes one serialized entry per line', async () => {
    const store = await FileStore.open(directory());
    const records = buildRecords(TRAIL, 3, { fields: (i) => ({ detail: i === 1 ? awkwardDetail() : {} }) });

    await store.append(TRAIL, records.slice(0, 1));
    await store.append(TRAIL, records.slice(1));
    await store.close();

    const text = await readFile(entriesPath(directory(), TRAIL), 'latin1');
    expect(text).toBe(entriesOf(records).map((entry) => `${serializeEntry(entry)}\n`).join(''));
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
  });

  it('cuts a torn last line on open', async () => {
    const store = await FileStore.open(directory());
    const records = buildRecords(TRAIL, 2);
    await store.append(TRAIL, records);
    await store.close();
    const path = entriesPath(directory(), TRAIL);
    const complete = await readFile(path, 'latin1');

    // A process killed in the middle of writing the third line.
    const third = serializeEntry(buildRecords(TRAIL, 1, { after: tailOf(records) })[0]!.entry);
    await appendFile(path, third.slice(0, third.length >> 1), 'latin1');

    const reopened = await FileStore.open(directory());
    expect(await reopened.tail(TRAIL)).toEqual(tailOf(records));
    expect(await readFile(path, 'latin1')).toBe(complete);

    const next = buildRecords(TRAIL, 1, { after: tailOf(records) });
    await reopened.append(TRAIL, next);
    await reopened.close();
    expect(await readFile(path, 'latin1')).toBe(`${complete}${serializeEntry(next[0]!.entry)}\n`);
  });

  it('keeps a whole last line that lost its newline', async () => {
    const store = await FileStore.open(directory());
    const records = buildRecords(TRAIL, 3);
    await store.append(TRAIL, records);
    await store.close();
    const path = entriesPath(directory(), TRAIL);
    const complete = await readFile(path, 'latin1');
    await truncate(path, complete.length - 1);

    const reopened = await FileStore.open(directory());
    expect(await reopened.tail(TRAIL)).toEqual(tailOf(records));
    expect(await reopened.count({ trail: TRAIL })).toBe(3);
    expect(await readFile(path, 'latin1')).toBe(complete);

    const next = buildRecords(TRAIL, 1, { after: tailOf(records) });
    await reopened.append(TRAIL, next);
    await reopened.close();
    expect(await readFile(path, 'latin1')).toBe(`${complete}${serializeEntry(next[0]!.entry)}\n`);
  });

  it('read-only store keeps a whole last line and leaves the file', async () => {
    const store = await FileStore.open(directory());
    const records = buildRecords(TRAIL, 2);
    await store.append(TRAIL, records);
    await store.close();
    const path = entriesPath(directory(), TRAIL);
    const size = (await stat(path)).size - 1;
    await truncate(path, size);

    const reader = await FileStore.open(directory(), { readOnly: true });

    expect(await reader.tail(TRAIL)).toEqual(tailOf(records));
    expect((await stat(path)).size).toBe(size);
    await reader.close();
  });

  it.each([
    ['repeats the last entry', (lines: string[]) => lines[1]!],
    ['skips a sequence', (lines: string[]) => lines[3]!],
    ['names another prev_hash', (lines: string[]) => lines[2]!.replace(/"prev_hash":"[0-9a-f]{64}"/, `"prev_hash":"${'0'.repeat(64)}"`)],
    ['goes back in ts', (lines: string[]) => lines[2]!.replace('"ts":1002.0', '"ts":999.0')],
    ['belongs to another trail', (lines: string[]) => lines[2]!.replace(`"trail":"${TRAIL}"`, '"trail":"billing:actiongate@user:43"')],
  ])('cuts a whole last line that %s', async (_name, last) => {
    const lines = entriesOf(buildRecords(TRAIL, 4)).map((entry) => serializeEntry(entry));
    const complete = `${lines[0]}\n${lines[1]}\n`;
    const unterminated = last(lines);
    expect(unterminated).not.toBe(lines[2]);
    await writeFile(entriesPath(directory(), TRAIL), `${complete}${unterminated}`, 'latin1');

    const store = await FileStore.open(directory());

    expect((await store.tail(TRAIL))?.sequence).toBe(1);
    expect(await readFile(entriesPath(directory(), TRAIL), 'latin1')).toBe(complete);
    await store.close();
  });

  it('read-only store skips a torn line but leaves it', async () => {
    const store = await FileStore.open(directory());
    await store.append(TRAIL, buildRecords(TRAIL, 2));
    await store.close();
    const path = entriesPath(directory(), TRAIL);
    await appendFile(path, '{"schema_version":"0.1.1","tra', 'latin1');
    const size = (await stat(path)).size;

    const reader = await FileStore.open(directory(), { readOnly: true });

    expect(await reader.count({ trail: TRAIL })).toBe(2);
    expect((await stat(path)).size).toBe(size);
    await reader.close();
  });

  it('torn line alone: the trail has no tail', async () => {
    await writeFile(entriesPath(directory(), TRAIL), '{"schema_ver', 'latin1');

    const store = await FileStore.open(directory());

    expect(await store.tail(TRAIL)).toBeNull();
    expect(await store.trails()).toEqual([]);
    expect(await readText(entriesPath(directory(), TRAIL))).toBe('');
    await store.append(TRAIL, buildRecords(TRAIL, 1));
    expect(await store.count()).toBe(1);
    await store.close();
  });

  it('rejects a corrupt line with its number', async () => {
    const lines = entriesOf(buildRecords(TRAIL, 3)).map((entry) => serializeEntry(entry));
    lines[1] = lines[1]!.replace('"verdict":"ALLOW"', '"verdict":"MAYBE"');
    await writeFile(entriesPath(directory(), TRAIL), `${lines.join('\n')}\n`, 'latin1');

    const error = await openError();

    expect(error).toBeInstanceOf(FileStoreCorruptError);
    expect((error as FileStoreCorruptError).code).toBe('STORE_CORRUPT');
    expect((error as FileStoreCorruptError).line).toBe(2);
    expect((error as Error).message).toContain('verdict');
  });

  it.each([
    ['a sequence gap', (lines: string[]) => [lines[0]!, lines[2]!], 2, 'expected sequence 1'],
    ['a repeated entry', (lines: string[]) => [lines[0]!, lines[0]!], 2, 'expected sequence 1'],
    ['a missing start', (lines: string[]) => lines.slice(1), 1, 'expected sequence 0'],
    ['an entry of another trail', (lines: string[]) => [lines[0]!.replace(`"trail":"${TRAIL}"`, '"trail":"billing:actiongate@user:43"')], 1, 'belongs to trail'],
    ['a blank line', (lines: string[]) => [lines[0]!, ''], 2, 'not a valid entry'],
  ])('rejects %s', async (_name, edit, line, message) => {
    const lines = entriesOf(buildRecords(TRAIL, 3)).map((entry) => serializeEntry(entry));
    await writeFile(entriesPath(directory(), TRAIL), `${edit(lines).join('\n')}\n`, 'latin1');

    const error = await openError();

    expect(error).toBeInstanceOf(FileStoreCorruptError);
    expect((error as FileStoreCorruptError).line).toBe(line);
    expect((error as Error).message).toContain(message);
  });

  it('rejects ts going back', async () => {
    const records = buildRecords(TRAIL, 2, { ts: 2000, tsStep: -1, integrity: 'HASH' });
    await writeFile(entriesPath(directory(), TRAIL), entriesOf(records).map((entry) => `${serializeEntry(entry)}\n`).join(''));

    const error = await openError();

    expect(error).toBeInstanceOf(FileStoreCorruptError);
    expect((error as Error).message).toContain('ts 1999');
  });

  it('reads lines another writer formatted', async () => {
    // Python's json.dumps with its default separators and ensure_ascii=False.
    const records = buildRecords(TRAIL, 2, { fields: () => ({ reason: 'Grüße' }) });
    const lines = entriesOf(records).map((entry) => JSON.stringify(JSON.parse(serializeEntry(entry)), null, 1).replace(/\n */g, ' '));
    await writeFile(entriesPath(directory(), TRAIL), `${lines.join('\n')}\n`, 'utf8');

    const store = await FileStore.open(directory());
    expect((await store.query({ trail: TRAIL })).map((entry) => [entry.entryHash, entry.reason])).toEqual(
      entriesOf(records).map((entry) => [entry.entryHash, 'Grüße']),
    );

    // Pruning keeps the remaining lines byte for byte.
    await store.prune(TRAIL, records[1]!.entry.ts);
    await store.close();
    expect(await readFile(entriesPath(directory(), TRAIL), 'utf8')).toBe(`${lines[1]}\n`);
  });

  it.skipIf(spawnSync('python3', ['--version']).status !== 0)('Python recomputes every stored hash', async () => {
    const store = await FileStore.open(directory());
    const records = buildRecords(TRAIL, 4, { fields: (i) => ({ detail: i % 2 === 0 ? awkwardDetail() : { n: i } }) });
    await store.append(TRAIL, records);
    await store.close();

    // The hash rule of the wire contract, written in Python: SHA-256 over json.dumps of the hashed
    // fields, with sorted keys and compact separators. prev_hash counts only when it is not null.
    const script = [
      'import hashlib, json, sys',
      'keys = ["trail", "ts", "verdict", "severity", "gate_type", "gate_identity", "reason", "detail", "sequence"]',
      'for line in open(sys.argv[1], encoding="ascii"):',
      '    entry = json.loads(line)',
      '    hashed = {key: entry[key] for key in keys}',
      '    if entry.get("prev_hash") is not None: hashed["prev_hash"] = entry["prev_hash"]',
      '    text = json.dumps(hashed, sort_keys=True, separators=(",", ":"))',
      '    print(hashlib.sha256(text.encode("utf-8")).hexdigest() == entry["entry_hash"])',
    ].join('\n');
    const result = spawnSync('python3', ['-c', script, entriesPath(directory(), TRAIL)], { encoding: 'utf8' });

    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n')).toEqual(['True', 'True', 'True', 'True']);
  });
});
