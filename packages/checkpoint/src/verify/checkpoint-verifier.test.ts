import { MemoryStore } from '@auditgate/store-memory';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Checkpoint } from '../checkpoint.js';
import type { CheckpointInput } from '../checkpoint-file.js';
import { Checkpointer } from '../checkpointer/checkpointer.js';
import { Keyring } from '../keys/keyring.js';
import type { Ed25519Signer } from '../keys/signer.js';
import { BILLING, MemorySink, chainEngine, checkpointInputs, entryInputs, exportLines, newSigner, record } from '../test-support/trails.js';
import { CheckpointVerifier } from './checkpoint-verifier.js';
import { sharedPeakCount } from './frontier-pairs.js';
import { verifyWithCheckpoints } from './verify-with-checkpoints.js';

// BILLING has 8 entries: key A signed checkpoints at 3 and 5, then key B (after a rotation) at 8.
let lines: string[];
let checkpoints: Checkpoint[];
let keyA: Ed25519Signer;
let keyB: Ed25519Signer;

beforeAll(async () => {
  const store = new MemoryStore();
  keyA = newSigner();
  keyB = newSigner();
  const sink = new MemorySink();
  const first = new Checkpointer(chainEngine(store), { signer: keyA, sink, closeSink: false });
  await record(first.engine, BILLING, 3);
  await first.checkpoint(BILLING);
  await record(first.engine, BILLING, 2, 3);
  await first.checkpoint(BILLING);

  const rotated = new Checkpointer(chainEngine(store), { signer: keyB, sink, keyring: new Keyring([keyA.publicKey, keyB.publicKey]) });
  await record(rotated.engine, BILLING, 3, 5);
  await rotated.checkpoint(BILLING);

  lines = await exportLines(store);
  checkpoints = sink.written;
});

function run(keyring: Keyring, inputs: CheckpointInput[] = checkpointInputs(checkpoints)) {
  return verifyWithCheckpoints({ entries: entryInputs(lines), checkpoints: inputs, keyring });
}

describe('key rotation', () => {
  it('verifies old and new checkpoints with both keys', async () => {
    const report = await run(new Keyring([keyA.publicKey, keyB.publicKey]));

    expect(checkpoints.map((checkpoint) => checkpoint.key_id)).toEqual([keyA.keyId, keyA.keyId, keyB.keyId]);
    expect(report.findings).toEqual([]);
    expect(report.trails[0]).toMatchObject({ checkpoints: 3, verifiedTreeSize: 8 });
  });

  it("reports the old key's checkpoints as unknown_key without it", async () => {
    const report = await run(new Keyring([keyB.publicKey]));

    expect(report.findings.map((finding) => [finding.kind, finding.treeSize, finding.keyId])).toEqual([
      ['unknown_key', 3, keyA.keyId],
      ['unknown_key', 5, keyA.keyId],
    ]);
    expect(report.findings[0]?.location).toEqual({ file: 'checkpoints.jsonl', line: 1 });
    expect(report.trails[0]?.verifiedTreeSize).toBe(8);
  });
});

describe('checkpoint checks', () => {
  const keyring = (): Keyring => new Keyring([keyA.publicKey, keyB.publicKey]);

  it('reports a changed checkpoint as bad_signature and ignores it', async () => {
    const changed = checkpointInputs([{ ...(checkpoints[2] as Checkpoint), ts: (checkpoints[2] as Checkpoint).ts + 1 }]);

    const report = await run(keyring(), [...checkpointInputs(checkpoints.slice(0, 2)), ...changed]);

    expect(report.findings.map((finding) => finding.kind)).toEqual(['bad_signature', 'unanchored']);
    expect(report.findings[1]?.message).toContain('3 entries of trail');
  });

  it('reports malformed lines', async () => {
    const inputs: CheckpointInput[] = [
      ...checkpointInputs(checkpoints),
      { checkpoint: undefined, location: { file: 'checkpoints.jsonl', line: 4 }, parseError: 'Unexpected token' },
      { checkpoint: { ...(checkpoints[0] as Checkpoint), version: 9 }, location: { file: 'checkpoints.jsonl', line: 5 } },
    ];

    const report = await run(keyring(), inputs);

    expect(report.findings.map((finding) => [finding.kind, finding.trail])).toEqual([
      ['malformed_checkpoint', null],
      ['malformed_checkpoint', BILLING],
    ]);
    expect(report.findings[0]?.message).toBe('checkpoint at checkpoints.jsonl:4 is not JSON: Unexpected token');
    expect(report.findings[1]?.message).toContain('checkpoint field version');
  });

  it('keeps checkpoint with mismatched frontier', async () => {
    const frontier = [...((checkpoints[2] as Checkpoint).frontier ?? [])];
    frontier[0] = '00'.repeat(32);

    const report = await run(keyring(), checkpointInputs([checkpoints[0] as Checkpoint, checkpoints[1] as Checkpoint, { ...(checkpoints[2] as Checkpoint), frontier }]));

    expect(report.findings.map((finding) => finding.kind)).toEqual(['frontier_mismatch']);
    expect(report.trails[0]?.verifiedTreeSize).toBe(8);
  });
});

describe('CheckpointVerifier', () => {
  it('reports entries without a trail', () => {
    const verifier = new CheckpointVerifier({ checkpoints: [], keyring: new Keyring() });

    verifier.add([1, 2]);
    verifier.add({ sequence: 0 }, { file: 'audit.jsonl', line: 2 });
    const report = verifier.finish();

    expect(report.findings.map((finding) => [finding.kind, finding.trail, finding.location])).toEqual([
      ['unanchored', null, { index: 0 }],
      ['unanchored', null, { file: 'audit.jsonl', line: 2 }],
    ]);
  });

  it('keeps at most maxFindings findings and counts the rest', async () => {
    const inputs = Array.from({ length: 5 }, (_, i) => ({ checkpoint: {}, location: { line: i + 1 } }));

    const report = await verifyWithCheckpoints({ entries: [], checkpoints: inputs, keyring: new Keyring(), maxFindings: 2 });

    expect(report).toMatchObject({ valid: false, findingCount: 5, omittedFindings: 3, checkpointCount: 5 });
    expect(report.findings).toHaveLength(2);
  });

  it('rejects entries after finish', () => {
    const verifier = new CheckpointVerifier({ checkpoints: [], keyring: new Keyring() });
    verifier.finish();

    expect(() => verifier.add({ trail: BILLING })).toThrow('finish() was called already');
  });

  it('needs a keyring', () => {
    expect(() => new CheckpointVerifier({ checkpoints: [] } as never)).toThrow('keyring');
  });

  it('reads entries from an async iterable', async () => {
    async function* entries() {
      yield* entryInputs(lines);
    }

    const report = await verifyWithCheckpoints({ entries: entries(), checkpoints: checkpointInputs(checkpoints), keyring: new Keyring([keyA.publicKey, keyB.publicKey]) });

    expect(report).toMatchObject({ valid: true, entryCount: 8 });
  });
});

describe('sharedPeakCount', () => {
  it.each([
    [4, 6, 1],
    [4, 8, 0],
    [12, 14, 2],
    [13, 15, 2],
    [5, 7, 1],
    [2 ** 40 + 2 ** 33 + 1, 2 ** 40 + 2 ** 33 + 6, 2],
  ])('of %i and %i is %i', (a, b, expected) => {
    expect(sharedPeakCount(a, b)).toBe(expected);
  });
});
