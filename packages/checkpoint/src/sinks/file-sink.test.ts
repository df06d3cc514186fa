import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CompactMerkleTree, leafHash } from '@auditgate/merkle';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { serializeCheckpoint, signCheckpoint, type Checkpoint } from '../checkpoint.js';
import { readCheckpointFile } from '../checkpoint-file.js';
import { SinkError } from '../errors.js';
import { BILLING, MemorySink, newSigner } from '../test-support/trails.js';
import { FileCheckpointSink } from './file-sink.js';
import { MultiSink } from './multi-sink.js';

const signer = newSigner();

function checkpointOf(size: number): Checkpoint {
  const tree = new CompactMerkleTree(Array.from({ length: size }, (_, i) => leafHash(Uint8Array.of(i))));
  return signCheckpoint({ trail: BILLING, treeSize: size, root: tree.root(), ts: 1_700_000_000 + size, frontier: tree.frontier().hashes }, signer);
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'auditgate-sink-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('FileCheckpointSink', () => {
  it('appends one canonical line per checkpoint and reads them back', async () => {
    const file = path.join(directory, 'checkpoints.jsonl');
    const sink = new FileCheckpointSink(file);

    await Promise.all([1, 2, 3].map((size) => sink.write(checkpointOf(size))));
    await sink.close();

    expect(await readFile(file, 'utf8')).toBe([1, 2, 3].map((size) => `${serializeCheckpoint(checkpointOf(size))}\n`).join(''));
    expect(await collect(new FileCheckpointSink(file).read())).toEqual([1, 2, 3].map(checkpointOf));
  });

  it('keeps existing lines when it reopens', async () => {
    const file = path.join(directory, 'checkpoints.jsonl');
    const first = new FileCheckpointSink(file);
    await first.write(checkpointOf(1));
    await first.close();

    const second = new FileCheckpointSink(file);
    await second.write(checkpointOf(2));
    await second.close();

    expect((await collect(second.read())).map((checkpoint) => checkpoint.tree_size)).toEqual([1, 2]);
  });

  it('starts a new line after a torn one', async () => {
    const file = path.join(directory, 'checkpoints.jsonl');
    await appendFile(file, `${serializeCheckpoint(checkpointOf(1))}\n{"type":"auditgate.chec`);

    const sink = new FileCheckpointSink(file);
    await sink.write(checkpointOf(2));
    await sink.close();

    const lines = await collect(readCheckpointFile(file));
    expect(lines.map((line) => line.parseError === undefined)).toEqual([true, false, true]);
    expect((await collect(sink.read())).map((checkpoint) => checkpoint.tree_size)).toEqual([1, 2]);
  });

  it('reads nothing from a missing file', async () => {
    expect(await collect(new FileCheckpointSink(path.join(directory, 'absent.jsonl')).read())).toEqual([]);
  });

  it('fails with a SinkError naming the file', async () => {
    const file = path.join(directory, 'missing-dir', 'checkpoints.jsonl');

    const failure = new FileCheckpointSink(file).write(checkpointOf(1));

    await expect(failure).rejects.toThrow(SinkError);
    await expect(failure).rejects.toThrow(`cannot append a checkpoint to file ${file}`);
  });

  it('rejects writes after close', async () => {
    const sink = new FileCheckpointSink(path.join(directory, 'checkpoints.jsonl'));
    await sink.close();

    await expect(sink.write(checkpointOf(1))).rejects.toThrow('the sink is closed');
  });
});

describe('readCheckpointFile', () => {
  it('yields locations and parse errors, skipping blank lines', async () => {
    const file = path.join(directory, 'checkpoints.jsonl');
    await appendFile(file, `${serializeCheckpoint(checkpointOf(1))}\n\nnot json\n`);

    const inputs = await collect(readCheckpointFile(file));

    expect(inputs.map((input) => input.location)).toEqual([
      { file, line: 1 },
      { file, line: 3 },
    ]);
    expect(inputs[1]?.parseError).toMatch(/JSON/);
  });

  it('names a torn last line', async () => {
    const file = path.join(directory, 'checkpoints.jsonl');
    await appendFile(file, `${serializeCheckpoint(checkpointOf(1))}\n{"type":"auditgate.chec`);

    const inputs = await collect(readCheckpointFile(file));

    expect(inputs.map((input) => input.parseError === undefined)).toEqual([true, false]);
    expect(inputs[1]?.parseError).toContain('The line is the last one and has no line break');
  });

  it('names no torn line when the file ends with a line break', async () => {
    const file = path.join(directory, 'checkpoints.jsonl');
    await appendFile(file, `not json\n${serializeCheckpoint(checkpointOf(1))}\nnot json either\n`);

    const inputs = await collect(readCheckpointFile(file));

    expect(inputs.map((input) => input.parseError?.includes('no line break') ?? null)).toEqual([false, null, false]);
  });

  it('throws for a missing file unless told otherwise', async () => {
    const file = path.join(directory, 'absent.jsonl');

    await expect(collect(readCheckpointFile(file))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await collect(readCheckpointFile(file, { missingOk: true }))).toEqual([]);
  });
});

describe('MultiSink', () => {
  it('writes to the primary and the witness', async () => {
    const primary = new MemorySink();
    const witness = new MemorySink();
    const sink = new MultiSink([primary, witness]);

    await sink.write(checkpointOf(1));

    expect(primary.written).toEqual([checkpointOf(1)]);
    expect(witness.written).toEqual([checkpointOf(1)]);
    expect(await collect(sink.read())).toEqual([checkpointOf(1)]);
  });

  it('names the sinks that failed after trying all', async () => {
    const primary = new MemorySink();
    const witness = new MemorySink();
    witness.failNext = true;

    const failure = new MultiSink([primary, witness]).write(checkpointOf(2));

    await expect(failure).rejects.toThrow(SinkError);
    await expect(failure).rejects.toThrow('was not stored by 1 of 2 sinks (memory: disk full)');
    expect(primary.written).toHaveLength(1);
  });

  it('closes every sink', async () => {
    const sinks = [new MemorySink(), new MemorySink()];

    await new MultiSink(sinks).close();

    expect(sinks.map((sink) => sink.closed)).toEqual([true, true]);
  });

  it('needs at least one sink', () => {
    expect(() => new MultiSink([])).toThrow(SinkError);
  });
});
