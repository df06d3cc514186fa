import { appendFile, mkdir, readdir, readFile, rename, rmdir, truncate, writeFile } from 'node:fs/promises';
import { serializeEntry, StoreConflictError } from '@auditgate/core';
import { buildRecords, entriesOf, findChainBreaks, tailOf } from '@auditgate/store-conformance';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from './directory-lock.js';
import { FileStore } from './file-store.js';
import { entriesPath, metaPath, readText, useTempDirectory } from './test-support.js';

const TRAIL = 'billing:actiongate@user:42';
const OTHER = 'billing:actiongate@user:43';
const directory = useTempDirectory();

function linesOf(text: string | null): string[] {
  return (text ?? '').split('\n').filter((line) => line !== '');
}

describe('FileStore prune and meta files', () => {
  it('prune rewrites the entries file and records the anchor', async () => {
    const store = await FileStore.open(directory());
    const records = buildRecords(TRAIL, 5, { ts: 100, tsStep: 10 });
    await store.append(TRAIL, records);

    expect(await store.prune(TRAIL, 125)).toBe(3);
    await store.close();

    const kept = entriesOf(records.slice(3)).map((entry) => `${serializeEntry(entry)}\n`).join('');
    expect(await readText(entriesPath(directory(), TRAIL))).toBe(kept);
    expect(linesOf(await readText(metaPath(directory(), TRAIL)))[0]).toBe(
      JSON.stringify({ anchor: { sequence: 2, entry_hash: records[2]!.entry.entryHash, ts: 120 } }),
    );
    expect((await readdir(directory())).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('prune stopped before its rewrite: the anchor wins', async () => {
    const store = await FileStore.open(directory());
    const records = buildRecords(TRAIL, 4, { ts: 100, tsStep: 10 });
    await store.append(TRAIL, records);
    const unpruned = await readFile(entriesPath(directory(), TRAIL));
    await store.prune(TRAIL, 120);
    await store.close();

    // As if the process died after writing the anchor but before replacing the entries file.
    await writeFile(entriesPath(directory(), TRAIL), unpruned);
    const reopened = await FileStore.open(directory());

    const stored = await reopened.query({ trail: TRAIL });
    expect(stored.map((entry) => entry.sequence)).toEqual([2, 3]);
    expect(findChainBreaks(stored, await reopened.anchor(TRAIL), { chained: true })).toEqual([]);
    await reopened.append(TRAIL, buildRecords(TRAIL, 1, { after: tailOf(records) }));
    expect(await reopened.prune(TRAIL, 125)).toBe(1);
    expect((await reopened.query({ trail: TRAIL })).map((entry) => entry.sequence)).toEqual([3, 4]);
    await reopened.close();
  });

  it('keeps an anchor line that lost its newline', async () => {
    const store = await FileStore.open(directory());
    const records = buildRecords(TRAIL, 3, { ts: 100, tsStep: 10 });
    await store.append(TRAIL, records);
    await store.prune(TRAIL, 1000);
    await store.close();
    const path = metaPath(directory(), TRAIL);
    const meta = await readFile(path, 'utf8');
    await truncate(path, Buffer.byteLength(meta) - 1);

    const reopened = await FileStore.open(directory());

    expect(await reopened.anchor(TRAIL)).toEqual(tailOf(records));
    expect(await reopened.tail(TRAIL)).toEqual(tailOf(records));
    expect(await readFile(path, 'utf8')).toBe(meta);
    await reopened.close();
  });

  it('keeps an ids line that lost its newline', async () => {
    const store = await FileStore.open(directory());
    const records = buildRecords(TRAIL, 2);
    await store.append(TRAIL, records);
    await store.close();
    const path = metaPath(directory(), TRAIL);
    const meta = await readFile(path, 'utf8');
    await truncate(path, Buffer.byteLength(meta) - 1);

    const reopened = await FileStore.open(directory());
    // A retry of a stored record is skipped only while its id is known.
    await reopened.append(TRAIL, records.slice(1));

    expect(await reopened.count({ trail: TRAIL })).toBe(2);
    expect(await readFile(path, 'utf8')).toBe(meta);
    await reopened.close();
  });

  it('meta file without entries file is ignored', async () => {
    await writeFile(metaPath(directory(), TRAIL), `${JSON.stringify({ anchor: { sequence: 9, entry_hash: null, ts: 1 } })}\n`);
    const store = await FileStore.open(directory());

    expect(await store.trails()).toEqual([]);
    expect(await store.tail(TRAIL)).toBeNull();

    await store.append(TRAIL, buildRecords(TRAIL, 1));
    expect(await store.anchor(TRAIL)).toBeNull();
    await store.close();
    expect(await readText(metaPath(directory(), TRAIL))).not.toContain('anchor');
  });

  it('ids of a failed append are not taken as stored', async () => {
    const records = buildRecords(TRAIL, 3);
    const store = await FileStore.open(directory());
    await store.append(TRAIL, records.slice(0, 2));
    await store.close();

    // The ids line of an append whose entries never reached the entries file.
    await appendFile(metaPath(directory(), TRAIL), `${JSON.stringify({ ids: [[2, records[2]!.id]] })}\n`);
    const reopened = await FileStore.open(directory());
    await reopened.append(TRAIL, records.slice(2));

    expect(await reopened.count({ trail: TRAIL })).toBe(3);
    await reopened.close();
  });

  it('failed write leaves no half append behind', async () => {
    const store = await FileStore.open(directory());
    const records = buildRecords(TRAIL, 3);
    await store.append(TRAIL, records.slice(0, 2));
    const path = entriesPath(directory(), TRAIL);
    const before = await readFile(path);

    // A directory in place of the entries file makes the entries write fail after the ids line.
    await rename(path, `${path}.saved`);
    await mkdir(path);
    await expect(store.append(TRAIL, records.slice(2))).rejects.toMatchObject({ code: 'EISDIR' });
    await rmdir(path);
    await rename(`${path}.saved`, path);

    await store.append(TRAIL, records.slice(2));
    expect(await store.count({ trail: TRAIL })).toBe(3);
    await store.close();
    expect((await readFile(path)).subarray(0, before.length)).toEqual(before);

    const reopened = await FileStore.open(directory());
    await reopened.append(TRAIL, records);
    expect(findChainBreaks(await reopened.query({ trail: TRAIL }), null, { chained: true })).toEqual([]);
    expect(await reopened.count()).toBe(3);
    await reopened.close();
  });

  it('keeps only the most recent record ids', async () => {
    const store = await FileStore.open(directory(), { recentIds: 2 });
    const records = buildRecords(TRAIL, 5);
    for (const record of records) await store.append(TRAIL, [record]);

    await store.append(TRAIL, records.slice(3));
    expect(await store.count()).toBe(5);

    // Older ids are forgotten: their retry meets a tail that moved on.
    await expect(store.append(TRAIL, records.slice(2, 3))).rejects.toBeInstanceOf(StoreConflictError);
    await store.close();

    const reopened = await FileStore.open(directory(), { recentIds: 2 });
    await reopened.append(TRAIL, records.slice(3));
    expect(await reopened.count()).toBe(5);
    await reopened.close();
  });

  it('meta file is rewritten before it grows large', async () => {
    const store = await FileStore.open(directory(), { recentIds: 4 });
    const records = buildRecords(TRAIL, 40);
    for (const record of records) await store.append(TRAIL, [record]);
    await store.close();

    const lines = linesOf(await readText(metaPath(directory(), TRAIL)));
    const pairs = lines.flatMap((line) => (JSON.parse(line) as { ids: unknown[] }).ids);
    expect(pairs.length).toBeLessThanOrEqual(8);
    expect(pairs).toContainEqual([39, records[39]!.id]);

    const reopened = await FileStore.open(directory(), { recentIds: 4 });
    await reopened.append(TRAIL, records.slice(36));
    expect(await reopened.count()).toBe(40);
    await reopened.close();
  });

  it('prune keeps the ids of remaining entries', async () => {
    const store = await FileStore.open(directory());
    const records = buildRecords(TRAIL, 4, { ts: 100, tsStep: 10 });
    await store.append(TRAIL, records);
    await store.prune(TRAIL, 120);
    await store.close();

    const reopened = await FileStore.open(directory());
    await reopened.append(TRAIL, records.slice(2));
    expect(await reopened.count()).toBe(2);
    await reopened.close();
  });

  it('clear deletes the files of a trail', async () => {
    const store = await FileStore.open(directory());
    await store.append(TRAIL, buildRecords(TRAIL, 2, { ts: 100 }));
    await store.append(OTHER, buildRecords(OTHER, 2, { ts: 100 }));
    await store.prune(TRAIL, 101);

    await store.clear(TRAIL);
    expect(await readText(entriesPath(directory(), TRAIL))).toBeNull();
    expect(await readText(metaPath(directory(), TRAIL))).toBeNull();
    expect(await readText(entriesPath(directory(), OTHER))).not.toBeNull();

    await store.clear();
    expect(await readdir(directory())).toEqual([LOCK_FILE_NAME]);
    await store.close();
  });

  it('trails() ignores files it did not write', async () => {
    await writeFile(`${directory()}/notes.jsonl`, 'not an entry\n');
    await writeFile(`${directory()}/README.md`, '# notes\n');
    const store = await FileStore.open(directory());
    await store.append(TRAIL, buildRecords(TRAIL, 1));

    expect(await store.trails()).toEqual([TRAIL]);
    expect(await store.count()).toBe(1);
    await store.clear();
    expect((await readdir(directory())).sort()).toEqual([LOCK_FILE_NAME, 'README.md', 'notes.jsonl'].sort());
    await store.close();
  });
});
