import { ValidationError, entryToWire, type AuditEntry, type JsonObject } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Checkpoint } from '../checkpoint.js';
import { Checkpointer } from '../checkpointer/checkpointer.js';
import { EntryNotCoveredError, ProofError } from '../errors.js';
import { Keyring } from '../keys/keyring.js';
import { pruneWithCheckpoint } from '../prune.js';
import { TamperableStore } from '../test-support/tamperable-store.js';
import { BILLING, MemorySink, SEARCH, chainEngine, exportLines, newSigner, parseLines, record } from '../test-support/trails.js';
import { inclusionProof, verifyInclusionProof } from './inclusion.js';

const SIZE = 13;
let store: MemoryStore;
let checkpoint: Checkpoint;
let keyring: Keyring;
let entries: AuditEntry[];

beforeAll(async () => {
  store = new MemoryStore();
  const engine = chainEngine(store);
  const signer = newSigner();
  const checkpointer = new Checkpointer(engine, { signer, sink: new MemorySink() });
  await record(engine, BILLING, SIZE);
  await record(engine, SEARCH, 2);
  checkpoint = (await checkpointer.checkpoint(BILLING)) as Checkpoint;
  keyring = new Keyring([signer.publicKey]);
  entries = await store.query({ trail: BILLING });
});

describe('inclusionProof', () => {
  it('proves every entry from the store', async () => {
    for (let sequence = 0; sequence < SIZE; sequence++) {
      const proof = await inclusionProof(store, BILLING, sequence, checkpoint);

      expect(proof).toMatchObject({ trail: BILLING, sequence, tree_size: SIZE });
      expect(() => verifyInclusionProof(JSON.parse(JSON.stringify(proof)), checkpoint, keyring, { entry: entries[sequence] })).not.toThrow();
    }
  });

  it('gives the same proof from exported lines', async () => {
    const wires = parseLines(await exportLines(store));

    for (const sequence of [0, 6, SIZE - 1]) {
      const fromLines = await inclusionProof({ wire: wires }, BILLING, sequence, checkpoint);

      expect(fromLines).toEqual(await inclusionProof(store, BILLING, sequence, checkpoint));
      expect(() => verifyInclusionProof(fromLines, checkpoint, keyring, { wire: wires.find((wire) => wire.trail === BILLING && wire.sequence === sequence) })).not.toThrow();
    }
  });

  it('rejects an entry the checkpoint does not cover', async () => {
    const failure = inclusionProof(store, BILLING, SIZE, checkpoint);

    await expect(failure).rejects.toThrow(EntryNotCoveredError);
    await expect(failure).rejects.toMatchObject({ code: 'ENTRY_NOT_COVERED', sequence: SIZE, treeSize: SIZE });
    await expect(failure).rejects.toThrow(`covers entries 0 to ${SIZE - 1}`);
  });

  it('rejects a checkpoint of another trail', async () => {
    await expect(inclusionProof(store, SEARCH, 0, checkpoint)).rejects.toMatchObject({ code: 'PROOF_TRAIL_MISMATCH' });
  });

  it('rejects entries that differ from the signed ones', async () => {
    const tampered = new TamperableStore();
    const engine = chainEngine(tampered);
    const checkpointer = new Checkpointer(engine, { signer: newSigner(), sink: new MemorySink() });
    await record(engine, BILLING, 4);
    const signed = (await checkpointer.checkpoint(BILLING)) as Checkpoint;
    tampered.editEntry(BILLING, 2, { wallTs: '2020-01-01T00:00:00.000000+00:00' });

    await expect(inclusionProof(tampered, BILLING, 0, signed)).rejects.toMatchObject({ code: 'PROOF_SOURCE_MISMATCH' });
  });
});

describe('inclusionProof on a pruned trail', () => {
  it('builds on the prune checkpoint frontier', async () => {
    const pruned = new MemoryStore();
    const engine = chainEngine(pruned);
    const signer = newSigner();
    const sink = new MemorySink();
    const checkpointer = new Checkpointer(engine, { signer, sink });
    await record(engine, BILLING, 10);
    const all = await pruned.query({ trail: BILLING });
    await pruneWithCheckpoint(checkpointer, BILLING, (all[6] as AuditEntry).ts);
    const latest = (await checkpointer.checkpoint(BILLING)) as Checkpoint;

    const proof = await inclusionProof(pruned, BILLING, 8, latest, { checkpoints: sink.written });

    expect(() => verifyInclusionProof(proof, latest, new Keyring([signer.publicKey]), { entry: all[8] })).not.toThrow();
    await expect(inclusionProof(pruned, BILLING, 8, latest)).rejects.toThrow('no checkpoint with a frontier');
    await expect(inclusionProof(pruned, BILLING, 3, latest, { checkpoints: sink.written })).rejects.toMatchObject({ code: 'PROOF_ENTRIES_MISSING' });
  });
});

describe('verifyInclusionProof', () => {
  let proof: Awaited<ReturnType<typeof inclusionProof>>;
  beforeAll(async () => {
    proof = await inclusionProof(store, BILLING, 5, checkpoint);
  });

  it('rejects a changed proof hash', () => {
    const hashes = [...proof.hashes];
    hashes[1] = (hashes[1] as string).replace(/^./, (digit) => (digit === '0' ? '1' : '0'));

    expect(() => verifyInclusionProof({ ...proof, hashes }, checkpoint, keyring)).toThrow(expect.objectContaining({ code: 'PROOF_INVALID' }));
  });

  it('rejects another entry', () => {
    expect(() => verifyInclusionProof(proof, checkpoint, keyring, { entry: entries[6] })).toThrow(expect.objectContaining({ code: 'PROOF_LEAF_MISMATCH' }));

    const changed = { ...entryToWire(entries[5] as AuditEntry), recorded_by: 'someone-else' };
    expect(() => verifyInclusionProof(proof, checkpoint, keyring, { wire: changed })).toThrow("the entry's leaf hash is");
  });

  it('rejects a checkpoint of an unknown key', () => {
    expect(() => verifyInclusionProof(proof, checkpoint, new Keyring())).toThrow(expect.objectContaining({ code: 'CHECKPOINT_UNTRUSTED' }));
  });

  it('rejects a checkpoint of another size', () => {
    expect(() => verifyInclusionProof({ ...proof, tree_size: SIZE + 1 }, checkpoint, keyring)).toThrow(expect.objectContaining({ code: 'PROOF_SIZE_MISMATCH' }));
  });

  it('rejects a malformed proof', () => {
    expect(() => verifyInclusionProof({ ...proof, hashes: 'abc' }, checkpoint, keyring)).toThrow(ProofError);
    expect(() => verifyInclusionProof({ ...proof, extra: 1 }, checkpoint, keyring)).toThrow('proof field extra');
    expect(() => verifyInclusionProof({ ...proof, leaf_hash: 'ZZ' }, checkpoint, keyring)).toThrow(expect.objectContaining({ code: 'PROOF_MALFORMED' }));
  });

  it('rejects a checkpoint whose frontier was changed', () => {
    const frontier = (checkpoint.frontier ?? []).map(() => 'f'.repeat(64));

    expect(() => verifyInclusionProof(proof, { ...checkpoint, frontier }, keyring)).toThrow(expect.objectContaining({ code: 'FRONTIER_MISMATCH' }));
  });
});

describe('verifyInclusionProof entry forms', () => {
  let proof: Awaited<ReturnType<typeof inclusionProof>>;
  let wire: JsonObject;
  beforeAll(async () => {
    proof = await inclusionProof(store, BILLING, 3, checkpoint);
    wire = parseLines(await exportLines(store)).find((candidate) => candidate.trail === BILLING && candidate.sequence === 3) as JsonObject;
  });

  it('accepts the wire entry and the AuditEntry', () => {
    expect(() => verifyInclusionProof(proof, checkpoint, keyring, { wire })).not.toThrow();
    expect(() => verifyInclusionProof(proof, checkpoint, keyring, { entry: entries[3] })).not.toThrow();
  });

  // True values under the AuditEntry (camelCase) names, forged ones under the wire names: a
  // check that let the entry's own keys pick the leaf form hashed the true values only.
  it('rejects a wire entry that also carries AuditEntry keys', () => {
    const forged: JsonObject = {
      ...wire,
      wallTs: wire.wall_ts as string,
      gateType: wire.gate_type as string,
      gateIdentity: wire.gate_identity as string,
      recordedBy: wire.recorded_by as string,
      schemaVersion: wire.schema_version as string,
      entryHash: wire.entry_hash as string,
      prevHash: wire.prev_hash as string,
      wall_ts: '2020-01-01T00:00:00.000Z',
      gate_identity: 'billing:refund@someone_else',
      recorded_by: 'auditor',
      entry_hash: '0'.repeat(64),
      prev_hash: null,
    };

    expect(() => verifyInclusionProof(proof, checkpoint, keyring, { wire: forged })).toThrow(expect.objectContaining({ code: 'PROOF_MALFORMED' }));
    expect(() => verifyInclusionProof(proof, checkpoint, keyring, { wire: forged })).toThrow('"wallTs"');
  });

  it('rejects a wire entry with an unknown key', () => {
    expect(() => verifyInclusionProof(proof, checkpoint, keyring, { wire: { ...wire, note: 'x' } })).toThrow(expect.objectContaining({ code: 'PROOF_MALFORMED' }));
  });

  it('rejects an AuditEntry given as wire', () => {
    expect(() => verifyInclusionProof(proof, checkpoint, keyring, { wire: entries[3] })).toThrow(expect.objectContaining({ code: 'PROOF_MALFORMED' }));
  });

  it('rejects both forms at once', () => {
    expect(() => verifyInclusionProof(proof, checkpoint, keyring, { wire, entry: entries[3] })).toThrow(ValidationError);
  });
});

describe('inclusionProof sources', () => {
  it('rejects a bare array', async () => {
    const wires = parseLines(await exportLines(store));

    await expect(inclusionProof(wires as never, BILLING, 0, checkpoint)).rejects.toThrow(ValidationError);
  });

  // An entry that also carries the true AuditEntry keys must not get the true leaf.
  it('hashes every key of a wire entry', async () => {
    const wires = parseLines(await exportLines(store));
    const target = wires.find((wire) => wire.trail === BILLING && wire.sequence === 2) as JsonObject;
    const mixed = wires.map((wire) => (wire === target ? { ...wire, ...(entries[2] as AuditEntry) } : wire));

    await expect(inclusionProof({ wire: mixed }, BILLING, 2, checkpoint)).rejects.toMatchObject({ code: 'PROOF_SOURCE_MISMATCH' });
  });

  it('proves from AuditEntry objects', async () => {
    const proof = await inclusionProof({ entries }, BILLING, 4, checkpoint);

    expect(proof).toEqual(await inclusionProof(store, BILLING, 4, checkpoint));
  });
});
