import { Engine, ValidationError } from '@auditgate/core';
import { CompactMerkleTree, toHex } from '@auditgate/merkle';
import { MemoryStore } from '@auditgate/store-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { Checkpoint } from '../checkpoint.js';
import { checkSignature } from '../check-checkpoint.js';
import { CheckpointError, CheckpointStateError } from '../errors.js';
import { Keyring } from '../keys/keyring.js';
import { entryLeafHash } from '../leaf.js';
import { TamperableStore } from '../test-support/tamperable-store.js';
import { BILLING, MemorySink, SEARCH, chainEngine, checkpointInputs, entryInputs, exportLines, newSigner, record } from '../test-support/trails.js';
import { verifyWithCheckpoints } from '../verify/verify-with-checkpoints.js';
import { Checkpointer } from './checkpointer.js';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function sizes(checkpoints: readonly Checkpoint[]): string[] {
  return checkpoints.map((checkpoint) => `${checkpoint.trail} ${checkpoint.tree_size}${checkpoint.prune === true ? ' prune' : ''}`);
}

async function rootOfStore(store: MemoryStore | TamperableStore, trail: string): Promise<string> {
  const entries = await (store instanceof TamperableStore ? store.inner : store).query({ trail });
  return toHex(new CompactMerkleTree(entries.map(entryLeafHash)).root());
}

describe('Checkpointer triggers', () => {
  it('signs every N recorded entries', async () => {
    const engine = chainEngine();
    const sink = new MemorySink();
    const checkpointer = new Checkpointer(engine, { signer: newSigner(), sink, every: 4 });

    for (let i = 0; i < 10; i++) {
      await record(engine, BILLING, 1, i);
      await checkpointer.settled();
    }

    expect(sizes(sink.written)).toEqual([`${BILLING} 4`, `${BILLING} 8`]);
  });

  it('signs on the interval with an unref timer', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    const engine = chainEngine();
    const sink = new MemorySink();
    const checkpointer = new Checkpointer(engine, { signer: newSigner(), sink, intervalSeconds: 30 });
    await record(engine, BILLING, 3);

    await vi.advanceTimersByTimeAsync(29_000);
    await checkpointer.settled();
    expect(sink.written).toEqual([]);

    await vi.advanceTimersByTimeAsync(1_000);
    await checkpointer.settled();
    expect(sizes(sink.written)).toEqual([`${BILLING} 3`]);
    expect(setIntervalSpy.mock.results[0]?.value.hasRef()).toBe(false);
  });

  it('returns null when nothing is new', async () => {
    const engine = chainEngine();
    const checkpointer = new Checkpointer(engine, { signer: newSigner(), sink: new MemorySink() });
    await record(engine, BILLING, 2);

    expect((await checkpointer.checkpoint(BILLING))?.tree_size).toBe(2);
    expect(await checkpointer.checkpoint(BILLING)).toBeNull();
    expect(checkpointer.latest(BILLING)?.tree_size).toBe(2);
  });

  it('checkpointAll covers every trail of the store', async () => {
    const engine = chainEngine();
    const sink = new MemorySink();
    const checkpointer = new Checkpointer(engine, { signer: newSigner(), sink });
    await record(engine, BILLING, 2);
    await record(engine, SEARCH, 3);

    const written = await checkpointer.checkpointAll();

    expect(sizes(written).sort()).toEqual([`${SEARCH} 3`, `${BILLING} 2`].sort());
  });

  it('signs valid checkpoints with a frontier', async () => {
    const engine = chainEngine();
    const signer = newSigner();
    const checkpointer = new Checkpointer(engine, { signer, sink: new MemorySink() });
    await record(engine, BILLING, 7);

    const checkpoint = (await checkpointer.checkpoint(BILLING)) as Checkpoint;

    expect(checkSignature(checkpoint, new Keyring([signer.publicKey]))).toBe('valid');
    expect(checkpoint.key_id).toBe(signer.keyId);
    expect(checkpoint.frontier).toHaveLength(3);
    expect(checkpoint.root).toBe(await rootOfStore(engine.store as MemoryStore, BILLING));
  });
});

describe('Checkpointer at engine close', () => {
  it('writes a final checkpoint so no entry is unanchored', async () => {
    const store = new MemoryStore();
    const engine = chainEngine(store);
    const signer = newSigner();
    const sink = new MemorySink();
    const checkpointer = new Checkpointer(engine, { signer, sink, every: 4 });
    await record(engine, BILLING, 6);
    await record(engine, SEARCH, 1);
    const lines = await exportLines(store);

    await engine.close();

    expect(sink.written.map((checkpoint) => checkpoint.tree_size).slice(-2).sort()).toEqual([1, 6]);
    expect(sink.closed).toBe(true);
    const report = await verifyWithCheckpoints({ entries: entryInputs(lines), checkpoints: checkpointInputs(sink.written), keyring: new Keyring([signer.publicKey]) });
    expect(report.findings).toEqual([]);
    expect(checkpointer.errors).toBe(0);
  });

  it('rejects checkpoints after close', async () => {
    const engine = chainEngine();
    const checkpointer = new Checkpointer(engine, { signer: newSigner(), sink: new MemorySink() });
    await engine.close();

    await expect(checkpointer.checkpoint(BILLING)).rejects.toThrow(CheckpointError);
    await expect(checkpointer.checkpoint(BILLING)).rejects.toMatchObject({ code: 'CHECKPOINTER_CLOSED' });
  });

  it('reports a failed final checkpoint without blocking the close', async () => {
    const engine = chainEngine();
    const sink = new MemorySink();
    const onError = vi.fn();
    new Checkpointer(engine, { signer: newSigner(), sink, onError });
    await record(engine, BILLING, 2);
    sink.failNext = true;

    await engine.close();

    expect(onError).toHaveBeenCalledTimes(1);
    expect(String(onError.mock.calls[0]?.[0])).toContain('disk full');
  });

  it('counts failed background checkpoints', async () => {
    const engine = chainEngine();
    const sink = new MemorySink();
    const onError = vi.fn();
    const checkpointer = new Checkpointer(engine, { signer: newSigner(), sink, every: 2, onError });
    sink.failNext = true;

    await record(engine, BILLING, 2);
    await checkpointer.settled();

    expect(checkpointer.errors).toBe(1);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk full' }), BILLING);
  });
});

describe('Checkpointer reads the store', () => {
  it('covers entries written by another process', async () => {
    const store = new MemoryStore();
    const ours = chainEngine(store);
    const theirs = chainEngine(store);
    const checkpointer = new Checkpointer(ours, { signer: newSigner(), sink: new MemorySink() });

    await record(theirs, BILLING, 3);
    await record(ours, BILLING, 2, 3);
    const checkpoint = await checkpointer.checkpoint(BILLING);

    expect(checkpoint?.tree_size).toBe(5);
    expect(checkpoint?.root).toBe(await rootOfStore(store, BILLING));
  });

  it('resumes from the sink frontier after a restart', async () => {
    const store = new TamperableStore();
    const sink = new MemorySink();
    const signer = newSigner();
    const first = new Checkpointer(chainEngine(store), { signer, sink, closeSink: false });
    await record(first.engine, BILLING, 5);
    await first.checkpoint(BILLING);

    const engine = chainEngine(store);
    const second = new Checkpointer(engine, { signer, sink });
    await record(engine, BILLING, 3, 5);
    store.queries.length = 0;
    const checkpoint = await second.checkpoint(BILLING);

    expect(checkpoint?.tree_size).toBe(8);
    expect(checkpoint?.root).toBe(await rootOfStore(store, BILLING));
    // Entry 4 is reread once to check the frontier against the store, and the catch-up starts at 5.
    expect(store.queries).toEqual([expect.objectContaining({ trail: BILLING, fromSequence: 4, limit: 1 }), expect.objectContaining({ trail: BILLING, fromSequence: 5 })]);
  });

  it('rebuilds from sequence 0 without a frontier', async () => {
    const store = new TamperableStore();
    const sink = new MemorySink();
    const signer = newSigner();
    const first = new Checkpointer(chainEngine(store), { signer, sink, closeSink: false });
    await record(first.engine, BILLING, 5);
    await first.checkpoint(BILLING);
    sink.written.forEach((checkpoint, i) => {
      const { frontier: _frontier, ...rest } = checkpoint;
      sink.written[i] = rest;
    });

    const second = new Checkpointer(chainEngine(store), { signer, sink });
    await record(second.engine, BILLING, 1, 5);
    store.queries.length = 0;
    const checkpoint = await second.checkpoint(BILLING);

    expect(checkpoint?.tree_size).toBe(6);
    expect(store.queries[0]).toMatchObject({ fromSequence: 0 });
  });

  it('reports pruned entries it cannot rebuild', async () => {
    const store = new MemoryStore();
    const engine = chainEngine(store);
    await record(engine, BILLING, 5);
    const [, , third] = await store.query({ trail: BILLING });
    await store.prune(BILLING, (third as { ts: number }).ts);
    const checkpointer = new Checkpointer(engine, { signer: newSigner(), sink: new MemorySink() });

    const failure = checkpointer.checkpoint(BILLING);

    await expect(failure).rejects.toThrow(CheckpointStateError);
    await expect(failure).rejects.toMatchObject({ code: 'CHECKPOINT_RESUME_PRUNED', trail: BILLING });
    await expect(failure).rejects.toThrow('no longer contains entries 0 to 1');
  });

  it('refuses to sign over a store that changed after a checkpoint', async () => {
    const store = new TamperableStore();
    const sink = new MemorySink();
    const signer = newSigner();
    const first = new Checkpointer(chainEngine(store), { signer, sink, closeSink: false });
    await record(first.engine, BILLING, 3);
    await first.checkpoint(BILLING);
    await record(first.engine, BILLING, 3, 3);
    await first.checkpoint(BILLING);
    // The newest checkpoint loses its frontier, so a restart resumes from size 3 and re-reads 3 to 5.
    const { frontier: _frontier, ...stripped } = sink.written[1] as Checkpoint;
    sink.written[1] = stripped;
    store.editEntry(BILLING, 4, { recordedBy: 'attacker' });

    const second = new Checkpointer(chainEngine(store), { signer, sink });
    await record(second.engine, BILLING, 1, 6);

    await expect(second.checkpoint(BILLING)).rejects.toMatchObject({ code: 'CHECKPOINT_STORE_DIVERGED' });
    await expect(second.checkpoint(BILLING)).rejects.toMatchObject({ code: 'CHECKPOINT_STORE_DIVERGED' });
    expect(sink.written).toHaveLength(2);
  });

  it('refuses to sign a trail shorter than its last checkpoint', async () => {
    const store = new TamperableStore();
    const sink = new MemorySink();
    const signer = newSigner();
    const first = new Checkpointer(chainEngine(store), { signer, sink, closeSink: false });
    await record(first.engine, BILLING, 4);
    await first.checkpoint(BILLING);
    const { frontier: _frontier, ...stripped } = sink.written[0] as Checkpoint;
    sink.written[0] = stripped;
    store.hideFrom.set(BILLING, 2);

    const second = new Checkpointer(chainEngine(store), { signer, sink });

    await expect(second.checkpoint(BILLING)).rejects.toThrow('entries were removed after they were checkpointed');
  });
});

describe('Checkpointer keys', () => {
  it('continues a rotated key only with the old key in its keyring', async () => {
    const store = new TamperableStore();
    const oldSink = new MemorySink();
    const oldSigner = newSigner();
    const rotated = newSigner();
    const first = new Checkpointer(chainEngine(store), { signer: oldSigner, sink: oldSink });
    await record(first.engine, BILLING, 5);
    await first.checkpoint(BILLING);
    const copyOfOldSink = (): MemorySink => {
      const sink = new MemorySink();
      sink.written.push(...oldSink.written);
      return sink;
    };

    const trusting = new Checkpointer(chainEngine(store), { signer: rotated, sink: copyOfOldSink(), keyring: new Keyring([oldSigner.publicKey, rotated.publicKey]) });
    store.queries.length = 0;
    await trusting.checkpointAt(BILLING, 5);
    // Only entry 4 is read, to check the old key's frontier against the store.
    expect(store.queries).toEqual([expect.objectContaining({ fromSequence: 4, limit: 1 })]);

    const distrusting = new Checkpointer(chainEngine(store), { signer: rotated, sink: copyOfOldSink() });
    store.queries.length = 0;
    await distrusting.checkpointAt(BILLING, 5);
    expect(store.queries[0]).toMatchObject({ fromSequence: 0 });
  });

  it('rejects invalid options', () => {
    const engine = new Engine({ store: new MemoryStore() });
    const base = { signer: newSigner(), sink: new MemorySink() };

    expect(() => new Checkpointer(engine, { ...base, every: 0 })).toThrow(ValidationError);
    expect(() => new Checkpointer(engine, { ...base, intervalSeconds: -1 })).toThrow('intervalSeconds');
    expect(() => new Checkpointer(engine, { ...base, sink: {} as MemorySink })).toThrow('sink');
  });
});

describe('Checkpointer.checkpointAt', () => {
  it('signs an earlier size from the sink frontier', async () => {
    const store = new TamperableStore();
    const engine = chainEngine(store);
    const sink = new MemorySink();
    const checkpointer = new Checkpointer(engine, { signer: newSigner(), sink });
    await record(engine, BILLING, 4);
    await checkpointer.checkpoint(BILLING);
    await record(engine, BILLING, 6, 4);
    await checkpointer.checkpoint(BILLING);
    store.queries.length = 0;

    const checkpoint = await checkpointer.checkpointAt(BILLING, 7, { prune: true });

    const prefix = (await store.inner.query({ trail: BILLING })).slice(0, 7);
    expect(checkpoint.root).toBe(toHex(new CompactMerkleTree(prefix.map(entryLeafHash)).root()));
    expect(checkpoint.prune).toBe(true);
    // The store check reads the newest covered entry; the tree is rebuilt from the frontier at 4.
    expect(store.queries).toEqual([expect.objectContaining({ fromSequence: 9, limit: 1 }), expect.objectContaining({ fromSequence: 4, limit: 3 })]);
    expect(checkpointer.latest(BILLING)?.tree_size).toBe(10);
  });

  it('rejects a size beyond the trail', async () => {
    const engine = chainEngine();
    const checkpointer = new Checkpointer(engine, { signer: newSigner(), sink: new MemorySink() });
    await record(engine, BILLING, 2);

    await expect(checkpointer.checkpointAt(BILLING, 3)).rejects.toMatchObject({ code: 'CHECKPOINT_SIZE_INVALID' });
    await expect(checkpointer.checkpointAt(BILLING, 0)).rejects.toMatchObject({ code: 'CHECKPOINT_SIZE_INVALID' });
  });
});
