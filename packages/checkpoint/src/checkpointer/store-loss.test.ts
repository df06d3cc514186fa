import { MemoryStore } from '@auditgate/store-memory';
import { describe, expect, it } from 'vitest';

import { CheckpointStateError } from '../errors.js';
import type { Ed25519Signer } from '../keys/signer.js';
import { TamperableStore } from '../test-support/tamperable-store.js';
import { BILLING, MemorySink, chainEngine, newSigner, record } from '../test-support/trails.js';
import { Checkpointer } from './checkpointer.js';

/**
 * Records `size` entries into a first store and signs a checkpoint of them into `sink`, as a
 * process that then stops would.
 */
async function signedHistory(size: number, sink: MemorySink, signer: Ed25519Signer): Promise<void> {
  const first = new Checkpointer(chainEngine(new MemoryStore()), { signer, sink, closeSink: false });
  await record(first.engine, BILLING, size);
  await first.checkpoint(BILLING);
}

/**
 * Returns a store that holds the first `kept` entries of the signed history, byte for byte: the
 * same engine clock and the same records give the same entries. It stands for a store restored
 * from an older backup, or restarted without persistence.
 */
async function storeAfterLoss(kept: number): Promise<MemoryStore> {
  const store = new MemoryStore();
  await record(chainEngine(store), BILLING, kept);
  return store;
}

function sizes(sink: MemorySink): number[] {
  return sink.written.map((checkpoint) => checkpoint.tree_size);
}

describe('Checkpointer after store data loss', () => {
  it('rejects a store shorter than the signed size', async () => {
    const sink = new MemorySink();
    const signer = newSigner();
    await signedHistory(16, sink, signer);
    const store = await storeAfterLoss(8);
    const engine = chainEngine(store);
    const checkpointer = new Checkpointer(engine, { signer, sink });

    const failure = checkpointer.checkpoint(BILLING);

    await expect(failure).rejects.toThrow(CheckpointStateError);
    await expect(failure).rejects.toMatchObject({ code: 'CHECKPOINT_STORE_DIVERGED', trail: BILLING });
    await expect(failure).rejects.toThrow('the store holds 8 entries of trail billing:actiongate@user:42, but a checkpoint of tree size 16 was signed');
  });

  it('never signs the trail once diverged', async () => {
    const sink = new MemorySink();
    const signer = newSigner();
    await signedHistory(16, sink, signer);
    const engine = chainEngine(await storeAfterLoss(8));
    const checkpointer = new Checkpointer(engine, { signer, sink, closeSink: false });
    await expect(checkpointer.checkpoint(BILLING)).rejects.toMatchObject({ code: 'CHECKPOINT_STORE_DIVERGED' });

    // The new entries 8 to 16 take the store past the signed size with another history.
    await record(engine, BILLING, 9, 100);

    await expect(checkpointer.checkpoint(BILLING)).rejects.toMatchObject({ code: 'CHECKPOINT_STORE_DIVERGED' });
    await expect(checkpointer.checkpointAt(BILLING, 17)).rejects.toMatchObject({ code: 'CHECKPOINT_STORE_DIVERGED' });
    await expect(checkpointer.close()).rejects.toMatchObject({ code: 'CHECKPOINT_FAILED' });
    expect(sizes(sink)).toEqual([16]);
  });

  it('reports background checkpoints through onError', async () => {
    const sink = new MemorySink();
    const signer = newSigner();
    await signedHistory(16, sink, signer);
    const engine = chainEngine(await storeAfterLoss(8));
    const failures: Array<{ code: unknown; trail: string | null }> = [];
    const checkpointer = new Checkpointer(engine, {
      signer,
      sink,
      every: 4,
      onError: (error, trail) => failures.push({ code: (error as { code?: unknown }).code, trail }),
    });

    await record(engine, BILLING, 9, 100);
    await checkpointer.settled();
    await engine.close();

    expect(failures[0]).toEqual({ code: 'CHECKPOINT_STORE_DIVERGED', trail: BILLING });
    expect(failures.at(-1)).toEqual({ code: 'CHECKPOINT_FAILED', trail: null });
    expect(checkpointer.errors).toBe(failures.length);
    expect(sizes(sink)).toEqual([16]);
  });

  // The store already contains more entries than the frontier covers when the checkpointer first
  // looks, so only the rehashed subtree shows that entries 8 to 15 differ from the signed ones.
  it.each([16, 13])('rejects a store that grew back past size %i with other entries', async (size) => {
    const sink = new MemorySink();
    const signer = newSigner();
    await signedHistory(size, sink, signer);
    const store = await storeAfterLoss(8);
    const engine = chainEngine(store);
    await record(engine, BILLING, size + 1 - 8, 100);
    const checkpointer = new Checkpointer(engine, { signer, sink, closeSink: false });

    await expect(checkpointer.checkpoint(BILLING)).rejects.toMatchObject({ code: 'CHECKPOINT_STORE_DIVERGED' });
    await expect(checkpointer.checkpoint(BILLING)).rejects.toThrow('do not give the hash that the checkpoint of tree size');
    expect(sizes(sink)).toEqual([size]);
  });

  it('resumes over a store that kept every entry', async () => {
    const sink = new MemorySink();
    const signer = newSigner();
    await signedHistory(16, sink, signer);
    const engine = chainEngine(await storeAfterLoss(16));
    await record(engine, BILLING, 1, 16);
    const checkpointer = new Checkpointer(engine, { signer, sink, closeSink: false });

    expect((await checkpointer.checkpoint(BILLING))?.tree_size).toBe(17);
  });

  it('rejects a changed last entry in a running process', async () => {
    const store = new TamperableStore();
    const engine = chainEngine(store);
    const sink = new MemorySink();
    const checkpointer = new Checkpointer(engine, { signer: newSigner(), sink, closeSink: false });
    await record(engine, BILLING, 5);
    await checkpointer.checkpoint(BILLING);
    store.editEntry(BILLING, 4, { reason: 'replaced' });
    await record(engine, BILLING, 1, 5);

    await expect(checkpointer.checkpoint(BILLING)).rejects.toThrow('entry 4 of trail billing:actiongate@user:42 in the store differs');
    expect(sizes(sink)).toEqual([5]);
  });
});
