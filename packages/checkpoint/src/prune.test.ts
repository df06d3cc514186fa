import { Engine, type AuditEntry } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import { describe, expect, it } from 'vitest';

import { Checkpointer } from './checkpointer/checkpointer.js';
import { PruneError } from './errors.js';
import { Keyring } from './keys/keyring.js';
import { pruneWithCheckpoint } from './prune.js';
import { TamperableStore } from './test-support/tamperable-store.js';
import { BILLING, MemorySink, chainEngine, checkpointInputs, entryInputs, exportLines, newSigner, record } from './test-support/trails.js';
import { verifyWithCheckpoints } from './verify/verify-with-checkpoints.js';

async function setup(count: number) {
  const store = new MemoryStore();
  const engine = chainEngine(store);
  const signer = newSigner();
  const sink = new MemorySink();
  const checkpointer = new Checkpointer(engine, { signer, sink, closeSink: false });
  await record(engine, BILLING, count);
  await checkpointer.checkpoint(BILLING);
  const entries = await store.query({ trail: BILLING });
  return { store, engine, checkpointer, sink, keyring: new Keyring([signer.publicKey]), entries };
}

function tsOf(entries: readonly AuditEntry[], sequence: number): number {
  return (entries[sequence] as AuditEntry).ts;
}

async function verifyStore(store: MemoryStore, sink: MemorySink, keyring: Keyring, dropSequencesBelow = 0) {
  const lines = (await exportLines(store)).filter((line) => (JSON.parse(line) as { sequence: number }).sequence >= dropSequencesBelow);
  return verifyWithCheckpoints({ entries: entryInputs(lines), checkpoints: checkpointInputs(sink.written), keyring });
}

describe('pruneWithCheckpoint', () => {
  it('keeps the pruned trail verifiable from the prune point', async () => {
    const { store, checkpointer, sink, keyring, entries } = await setup(10);

    const result = await pruneWithCheckpoint(checkpointer, BILLING, tsOf(entries, 6));

    expect(result.pruned).toBe(6);
    expect(result.checkpoint).toMatchObject({ trail: BILLING, tree_size: 6, prune: true });
    expect(await store.anchor(BILLING)).toMatchObject({ sequence: 5 });
    const report = await verifyStore(store, sink, keyring);
    expect(report.findings).toEqual([]);
    expect(report.trails[0]).toMatchObject({ prunedBefore: 6, verifiedTreeSize: 10, entries: 4 });
  });

  it('leaves a trail pruned without a checkpoint detectable', async () => {
    const { store, sink, keyring, entries } = await setup(10);

    await store.prune(BILLING, tsOf(entries, 6));

    const report = await verifyStore(store, sink, keyring);
    expect(report.findings.map((finding) => finding.kind)).toEqual(['missing_entries']);
    expect(report.findings[0]?.message).toContain('no prune checkpoint allows removing any');
  });

  it('detects entries deleted beyond the prune point', async () => {
    const { store, checkpointer, sink, keyring, entries } = await setup(10);
    await pruneWithCheckpoint(checkpointer, BILLING, tsOf(entries, 6));

    const report = await verifyStore(store, sink, keyring, 8);

    expect(report.findings.map((finding) => finding.kind)).toEqual(['missing_entries']);
    expect(report.findings[0]?.message).toContain('the last prune checkpoint allows removing entries below 6 only');
  });

  it('never removes the newest entry', async () => {
    const { store, checkpointer, sink, keyring, entries } = await setup(5);

    const result = await pruneWithCheckpoint(checkpointer, BILLING, tsOf(entries, 4) + 1000);

    expect(result).toMatchObject({ pruned: 4, before: tsOf(entries, 4) });
    expect(await store.count({ trail: BILLING })).toBe(1);
    expect((await verifyStore(store, sink, keyring)).valid).toBe(true);
  });

  it('does nothing when no entry is old enough', async () => {
    const { checkpointer, sink, entries } = await setup(3);
    const written = sink.written.length;

    const result = await pruneWithCheckpoint(checkpointer, BILLING, tsOf(entries, 0));

    expect(result).toEqual({ pruned: 0, checkpoint: null, before: tsOf(entries, 0) });
    expect(sink.written).toHaveLength(written);
  });

  it('prunes again from the first prune point', async () => {
    const { store, engine, checkpointer, sink, keyring, entries } = await setup(8);
    await pruneWithCheckpoint(checkpointer, BILLING, tsOf(entries, 3));
    await record(engine, BILLING, 6, 8);
    await checkpointer.checkpoint(BILLING);
    const later = await store.query({ trail: BILLING });

    const result = await pruneWithCheckpoint(checkpointer, BILLING, (later.find((entry) => entry.sequence === 11) as AuditEntry).ts);

    expect(result.checkpoint).toMatchObject({ tree_size: 11, prune: true });
    const report = await verifyStore(store, sink, keyring);
    expect(report.findings).toEqual([]);
    expect(report.trails[0]).toMatchObject({ prunedBefore: 11, verifiedTreeSize: 14 });
  });

  it('reports a concurrent prune', async () => {
    const store = new TamperableStore();
    const engine = chainEngine(store);
    const checkpointer = new Checkpointer(engine, { signer: newSigner(), sink: new MemorySink() });
    await record(engine, BILLING, 6);
    const entries = await store.inner.query({ trail: BILLING });
    // Another pruner removes one entry more than the checkpoint covers.
    store.prune = (trail, before) => store.inner.prune(trail, Math.max(before, tsOf(entries, 3)));

    const failure = pruneWithCheckpoint(checkpointer, BILLING, tsOf(entries, 2));

    await expect(failure).rejects.toThrow(PruneError);
    await expect(failure).rejects.toThrow('anchor is now at sequence 2');
  });

  it('rejects a bound that is not a number', async () => {
    const { checkpointer } = await setup(1);

    await expect(pruneWithCheckpoint(checkpointer, BILLING, Number.NaN)).rejects.toThrow('before');
  });
});

describe('engine retention with a checkpointer', () => {
  it('signs a prune checkpoint before retention removes entries', async () => {
    let now = 1000;
    const store = new MemoryStore();
    const engine = new Engine({ store, clock: () => now, defaultPolicy: { integrity: 'CHAIN', retentionSeconds: 60 } });
    const signer = newSigner();
    const sink = new MemorySink();
    new Checkpointer(engine, { signer, sink, closeSink: false });

    for (let i = 0; i < 5; i++) {
      now += 10;
      await engine.record({ trail: BILLING, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'billing:refund@user:42' });
    }
    now += 100;
    await engine.record({ trail: BILLING, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'billing:refund@user:42' });
    await engine.flush();

    expect(await store.anchor(BILLING)).not.toBeNull();
    expect(sink.written.some((checkpoint) => checkpoint.prune === true)).toBe(true);
    const lines = await exportLines(store);
    await engine.close();
    const report = await verifyWithCheckpoints({ entries: entryInputs(lines), checkpoints: checkpointInputs(sink.written), keyring: new Keyring([signer.publicKey]) });
    expect(report.findings).toEqual([]);
    expect(report.trails[0]).toMatchObject({ prunedBefore: expect.any(Number) });
  });
});
