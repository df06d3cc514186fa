import type { JsonObject } from '@auditgate/core';
import { CompactMerkleTree } from '@auditgate/merkle';
import { MemoryStore } from '@auditgate/store-memory';
import { beforeAll, describe, expect, it } from 'vitest';

import { signCheckpoint, type Checkpoint } from '../checkpoint.js';
import { Keyring } from '../keys/keyring.js';
import type { Ed25519Signer } from '../keys/signer.js';
import { wireLeafHash } from '../leaf.js';
import { BILLING, chainEngine, checkpointInputs, entryInputs, exportLines, newSigner, parseLines, rechain, record, toLines } from '../test-support/trails.js';
import type { CheckpointReport } from './checkpoint-verifier.js';
import { verifyWithCheckpoints } from './verify-with-checkpoints.js';

const SIZE = 16;
let signer: Ed25519Signer;
let keyring: Keyring;
let genuine: JsonObject[];

beforeAll(async () => {
  const store = new MemoryStore();
  await record(chainEngine(store), BILLING, SIZE);
  genuine = parseLines(await exportLines(store));
  signer = newSigner();
  keyring = new Keyring([signer.publicKey]);
});

/** Signs a checkpoint over the first `size` of `wires`, as the key holder (or a thief) can. */
function signAt(wires: readonly JsonObject[], size: number, options: { prune?: boolean; frontier?: boolean } = {}): Checkpoint {
  const tree = new CompactMerkleTree(wires.slice(0, size).map(wireLeafHash));
  return signCheckpoint(
    { trail: BILLING, treeSize: size, root: tree.root(), ts: 1_800_000_000 + size, prune: options.prune, frontier: options.frontier === false ? undefined : tree.frontier().hashes },
    signer,
  );
}

function verify(wires: readonly JsonObject[], checkpoints: readonly Checkpoint[], seen: readonly Checkpoint[]): Promise<CheckpointReport> {
  return verifyWithCheckpoints({
    entries: entryInputs(toLines(wires)),
    checkpoints: checkpointInputs(checkpoints),
    seen: checkpointInputs(seen, 'seen.jsonl'),
    keyring,
  });
}

/** Returns the history a thief writes: entry 2 changed and the chain recomputed. */
function rewritten(): JsonObject[] {
  return rechain(
    genuine.map((wire) => (wire.sequence === 2 ? { ...wire, reason: 'rewritten' } : wire)),
    BILLING,
  );
}

describe('prune checkpoints against seen checkpoints', () => {
  // A thief with the key rewrites entry 2, signs a prune checkpoint at 14 and a checkpoint at
  // 16 over the new history, and deletes entries 0 to 13, which a seen checkpoint covered.
  it('reports a prune checkpoint that contradicts a seen one without frontier', async () => {
    const forged = rewritten();
    const seen = signAt(genuine, 12, { frontier: false });

    const report = await verify(forged.slice(14), [signAt(forged, 14, { prune: true }), signAt(forged, 16)], [seen]);

    expect(report.valid).toBe(false);
    expect(report.findings.map((finding) => finding.kind)).toEqual(['fork']);
    expect(report.findings[0]?.message).toContain('prune checkpoint of trail billing:actiongate@user:42 at tree size 14');
    expect(report.findings[0]?.message).toContain('for the first 12 entries');
  });

  it('reports a prune checkpoint that contradicts a seen one with frontier', async () => {
    const forged = rewritten();

    const report = await verify(forged.slice(14), [signAt(forged, 14, { prune: true }), signAt(forged, 16)], [signAt(genuine, 12)]);

    expect(report.findings.map((finding) => finding.kind)).toEqual(['fork']);
  });

  it('accepts a genuine prune below and above seen checkpoints', async () => {
    const seen = [signAt(genuine, 8, { frontier: false }), signAt(genuine, 12, { frontier: false }), signAt(genuine, 15, { frontier: false })];

    const report = await verify(genuine.slice(14), [signAt(genuine, 14, { prune: true }), signAt(genuine, 16)], seen);

    expect(report.findings).toEqual([]);
    expect(report.trails[0]?.prunedBefore).toBe(14);
  });

  it('reports a forged prune frontier through the entries after it', async () => {
    const forged = rewritten();

    const report = await verify(genuine.slice(12), [signAt(forged, 12, { prune: true }), signAt(genuine, 16)], [signAt(genuine, 16, { frontier: false })]);

    expect(report.findings.map((finding) => finding.kind)).toContain('root_mismatch');
  });

  // The limit the README states: a thief who re-signs a seen checkpoint's own root as a prune
  // checkpoint can delete the entries it covers and sign new ones after it. Only the report's
  // prunedBefore shows that the head is gone.
  it('cannot tell a thief-signed prune at a seen root from retention', async () => {
    const seen = signAt(genuine, 10);
    const extended = [...genuine.slice(0, 10), { ...(genuine[10] as JsonObject), detail: { forged: true } }];
    const relinked = rechain(extended, BILLING);

    const report = await verify(relinked.slice(10), [signAt(relinked, 10, { prune: true }), signAt(relinked, 11)], [seen]);

    expect(report.valid).toBe(true);
    expect(report.trails[0]?.prunedBefore).toBe(10);
  });
});
