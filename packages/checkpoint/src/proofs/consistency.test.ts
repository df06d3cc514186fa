import type { JsonObject } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Checkpoint } from '../checkpoint.js';
import { Checkpointer } from '../checkpointer/checkpointer.js';
import { Keyring } from '../keys/keyring.js';
import type { Ed25519Signer } from '../keys/signer.js';
import { BILLING, MemorySink, SEARCH, chainEngine, exportLines, newSigner, parseLines, rechain, record, signOver } from '../test-support/trails.js';
import { consistencyProof, verifyConsistencyProof } from './consistency.js';

const SIZE = 11;
let store: MemoryStore;
let checkpoints: Checkpoint[];
let keyring: Keyring;
let signer: Ed25519Signer;
let wires: JsonObject[];

// One checkpoint per size from 1 to SIZE.
beforeAll(async () => {
  store = new MemoryStore();
  const engine = chainEngine(store);
  signer = newSigner();
  const checkpointer = new Checkpointer(engine, { signer, sink: new MemorySink() });
  checkpoints = [];
  for (let size = 1; size <= SIZE; size++) {
    await record(engine, BILLING, 1, size - 1);
    checkpoints.push((await checkpointer.checkpoint(BILLING)) as Checkpoint);
  }
  await record(engine, SEARCH, 1);
  keyring = new Keyring([signer.publicKey]);
  wires = parseLines(await exportLines(store));
});

function withoutFrontier(checkpoint: Checkpoint): Checkpoint {
  const { frontier: _frontier, ...rest } = checkpoint;
  return rest;
}

describe('consistencyProof', () => {
  it('proves every pair of checkpoints from the store', async () => {
    for (const older of checkpoints) {
      for (const newer of checkpoints.filter((candidate) => candidate.tree_size >= older.tree_size)) {
        const proof = await consistencyProof(store, older, newer);

        expect(proof).toMatchObject({ trail: BILLING, size1: older.tree_size, size2: newer.tree_size });
        expect(() => verifyConsistencyProof(JSON.parse(JSON.stringify(proof)), older, newer, keyring)).not.toThrow();
      }
    }
  });

  it('gives the same proof from lines, with or without a frontier', async () => {
    const older = checkpoints[4] as Checkpoint;
    const newer = checkpoints[9] as Checkpoint;
    const expected = await consistencyProof(store, older, newer);

    expect(await consistencyProof({ wire: wires }, older, newer)).toEqual(expected);
    expect(await consistencyProof({ wire: wires }, withoutFrontier(older), newer)).toEqual(expected);
    expect(await consistencyProof(store, withoutFrontier(older), newer)).toEqual(expected);
  });

  it('gives an empty proof for equal checkpoints', async () => {
    const same = checkpoints[3] as Checkpoint;

    expect(await consistencyProof(store, same, same)).toEqual({ trail: BILLING, size1: 4, size2: 4, hashes: [] });
  });

  it('reports a fork instead of a proof', async () => {
    const rewritten = rechain(
      wires.map((wire) => (wire.trail === BILLING && wire.sequence === 2 ? { ...wire, reason: 'rewritten' } : wire)),
      BILLING,
    );
    const [forked] = signOver(rewritten, BILLING, [SIZE], signer);

    await expect(consistencyProof({ wire: rewritten }, withoutFrontier(checkpoints[4] as Checkpoint), forked as Checkpoint)).rejects.toMatchObject({
      code: 'CHECKPOINTS_INCONSISTENT',
    });
    await expect(consistencyProof(store, checkpoints[4] as Checkpoint, forked as Checkpoint)).rejects.toMatchObject({ code: 'PROOF_SOURCE_MISMATCH' });
  });

  it('rejects checkpoints in the wrong order or of two trails', async () => {
    const searchCheckpoint = signOver(wires, SEARCH, [1], signer)[0] as Checkpoint;

    await expect(consistencyProof(store, checkpoints[5] as Checkpoint, checkpoints[2] as Checkpoint)).rejects.toMatchObject({ code: 'PROOF_SIZE_MISMATCH' });
    await expect(consistencyProof(store, searchCheckpoint, checkpoints[2] as Checkpoint)).rejects.toMatchObject({ code: 'PROOF_TRAIL_MISMATCH' });
  });
});

describe('verifyConsistencyProof', () => {
  let proof: Awaited<ReturnType<typeof consistencyProof>>;
  beforeAll(async () => {
    proof = await consistencyProof(store, checkpoints[2] as Checkpoint, checkpoints[8] as Checkpoint);
  });

  it('rejects a changed hash', () => {
    const hashes = proof.hashes.map((hash, i) => (i === 0 ? `${hash.slice(0, 63)}${hash.endsWith('0') ? '1' : '0'}` : hash));

    expect(() => verifyConsistencyProof({ ...proof, hashes }, checkpoints[2], checkpoints[8], keyring)).toThrow(expect.objectContaining({ code: 'PROOF_INVALID' }));
  });

  it('rejects other checkpoints than the proof names', () => {
    expect(() => verifyConsistencyProof(proof, checkpoints[3], checkpoints[8], keyring)).toThrow(expect.objectContaining({ code: 'PROOF_SIZE_MISMATCH' }));
  });

  it('rejects checkpoints of an unknown key', () => {
    expect(() => verifyConsistencyProof(proof, checkpoints[2], checkpoints[8], new Keyring([newSigner().publicKey]))).toThrow(
      expect.objectContaining({ code: 'CHECKPOINT_UNTRUSTED' }),
    );
  });

  it('rejects a checkpoint whose frontier was changed', () => {
    const frontier = [...((checkpoints[8] as Checkpoint).frontier ?? [])];
    frontier[0] = '0'.repeat(64);

    expect(() => verifyConsistencyProof(proof, checkpoints[2], { ...(checkpoints[8] as Checkpoint), frontier }, keyring)).toThrow(
      expect.objectContaining({ code: 'FRONTIER_MISMATCH' }),
    );
  });
});
