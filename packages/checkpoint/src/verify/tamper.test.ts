import type { JsonObject } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Checkpoint } from '../checkpoint.js';
import { Checkpointer } from '../checkpointer/checkpointer.js';
import { Keyring } from '../keys/keyring.js';
import type { Ed25519Signer } from '../keys/signer.js';
import {
  BILLING,
  MemorySink,
  SEARCH,
  chainEngine,
  checkpointInputs,
  entryInputs,
  exportLines,
  newSigner,
  parseLines,
  rechain,
  record,
  signOver,
  toLines,
} from '../test-support/trails.js';
import type { CheckpointReport } from './checkpoint-verifier.js';
import { verifyWithCheckpoints } from './verify-with-checkpoints.js';

interface GenuineLog {
  readonly wires: JsonObject[];
  readonly checkpoints: Checkpoint[];
  readonly keyring: Keyring;
  readonly signer: Ed25519Signer;
}

// BILLING gets 10 entries with checkpoints at 4, 8 and 10 (the last at close); SEARCH gets 6
// with checkpoints at 4 and 6. The two trails interleave in the export, as in a shared log.
async function genuineLog(): Promise<GenuineLog> {
  const store = new MemoryStore();
  const engine = chainEngine(store);
  const signer = newSigner();
  const sink = new MemorySink();
  const checkpointer = new Checkpointer(engine, { signer, sink });

  for (let i = 0; i < 10; i++) {
    await record(engine, BILLING, 1, i);
    if (i < 6) await record(engine, SEARCH, 1, i);
    if (i === 3) {
      await checkpointer.checkpoint(BILLING);
      await checkpointer.checkpoint(SEARCH);
    }
    if (i === 7) await checkpointer.checkpoint(BILLING);
  }
  const lines = await exportLines(store);
  await engine.close();

  return { wires: parseLines(lines), checkpoints: sink.written, keyring: new Keyring([signer.publicKey]), signer };
}

function verify(wires: readonly JsonObject[], checkpoints: readonly Checkpoint[], keyring: Keyring, seen: readonly Checkpoint[] = []): Promise<CheckpointReport> {
  return verifyWithCheckpoints({
    entries: entryInputs(toLines(wires)),
    checkpoints: checkpointInputs(checkpoints),
    seen: checkpointInputs(seen, 'seen.jsonl'),
    keyring,
  });
}

function kinds(report: CheckpointReport): string[] {
  return report.findings.map((finding) => `${finding.kind} ${finding.trail ?? '-'}`);
}

/** Index in `wires` of the entry of `trail` with `sequence`. */
function at(wires: readonly JsonObject[], trail: string, sequence: number): number {
  const index = wires.findIndex((wire) => wire.trail === trail && wire.sequence === sequence);
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
}

function edited(wires: readonly JsonObject[], trail: string, sequence: number, change: JsonObject): JsonObject[] {
  const copy = [...wires];
  const index = at(copy, trail, sequence);
  copy[index] = { ...(copy[index] as JsonObject), ...change };
  return copy;
}

function without(wires: readonly JsonObject[], trail: string, sequence: number): JsonObject[] {
  const index = at(wires, trail, sequence);
  return [...wires.slice(0, index), ...wires.slice(index + 1)];
}

let log: GenuineLog;
beforeAll(async () => {
  log = await genuineLog();
});

describe('genuine log', () => {
  it('verifies with its checkpoints', async () => {
    const report = await verify(log.wires, log.checkpoints, log.keyring);

    expect(report.findings).toEqual([]);
    expect(report.valid).toBe(true);
    expect(log.checkpoints.map((checkpoint) => `${checkpoint.trail} ${checkpoint.tree_size}`)).toEqual([
      `${BILLING} 4`,
      `${SEARCH} 4`,
      `${BILLING} 8`,
      `${BILLING} 10`,
      `${SEARCH} 6`,
    ]);
    expect(report.trails.map((trail) => [trail.trail, trail.entries, trail.verifiedTreeSize])).toEqual([
      [SEARCH, 6, 6],
      [BILLING, 10, 10],
    ]);
  });

  it('is unanchored without checkpoints', async () => {
    const report = await verify(log.wires, [], log.keyring);

    expect(report.valid).toBe(false);
    expect(kinds(report)).toEqual([`unanchored ${SEARCH}`, `unanchored ${BILLING}`]);
    expect(report.findings[1]?.message).toContain('none of its 10 entries are verified');
  });
});

// Each case is a change that someone with write access to the store can make. The checkpoints
// must catch every one; without checkpoints, nothing in the log is verified at all.
const tampering: Array<[string, (wires: JsonObject[]) => JsonObject[], string[]]> = [
  ['edit of a hashed field', (w) => edited(w, BILLING, 5, { detail: { index: 5, amount: 1000 } }), [`root_mismatch ${BILLING}`]],
  ['edit of wall_ts', (w) => edited(w, BILLING, 2, { wall_ts: '2020-01-01T00:00:00.000000+00:00' }), [`root_mismatch ${BILLING}`]],
  ['edit of recorded_by', (w) => edited(w, BILLING, 9, { recorded_by: 'someone-else' }), [`root_mismatch ${BILLING}`]],
  ['edit of schema_version', (w) => edited(w, SEARCH, 0, { schema_version: '0.0.1' }), [`root_mismatch ${SEARCH}`]],
  ['edit with a recomputed chain', (w) => rechain(edited(w, BILLING, 1, { verdict: 'OVERRIDE', reason: 'manual' }), BILLING), [`root_mismatch ${BILLING}`]],
  ['deletion at the head', (w) => without(w, BILLING, 0), [`missing_entries ${BILLING}`]],
  ['deletion in the middle', (w) => without(w, BILLING, 5), [`missing_entries ${BILLING}`]],
  ['deletion at the tail', (w) => without(w, BILLING, 9), [`missing_entries ${BILLING}`]],
  ['deletion of a whole trail', (w) => w.filter((wire) => wire.trail !== SEARCH), [`missing_trail ${SEARCH}`]],
  ['forged entry after the last checkpoint', (w) => rechain([...w, { ...(w[at(w, BILLING, 9)] as JsonObject), sequence: 10 }], BILLING), [`unanchored ${BILLING}`]],
  ['stripped hashes', (w) => w.map((wire) => ({ ...wire, entry_hash: null, prev_hash: null })), [`root_mismatch ${SEARCH}`, `root_mismatch ${BILLING}`]],
  ['reordered lines', (w) => swapLines(w, at(w, BILLING, 3), at(w, BILLING, 4)), [`root_mismatch ${BILLING}`]],
  ['swapped sequence numbers', (w) => rechain(swapSequences(w, BILLING, 5, 6), BILLING), [`root_mismatch ${BILLING}`]],
  ['duplicated entry', (w) => duplicate(w, BILLING, 2), [`root_mismatch ${BILLING}`]],
];

describe('tampered log', () => {
  it.each(tampering)('%s', async (_name, tamper, expected) => {
    const report = await verify(tamper(log.wires), log.checkpoints, log.keyring);

    expect(report.valid).toBe(false);
    expect(kinds(report)).toEqual(expected);
  });

  it.each(tampering)('%s is unverified without checkpoints', async (_name, tamper) => {
    const report = await verify(tamper(log.wires), [], log.keyring);

    expect(report.valid).toBe(false);
    expect(new Set(report.findings.map((finding) => finding.kind))).toEqual(new Set(['unanchored']));
  });

  it('entry moved to another trail', async () => {
    const moved = { ...(log.wires[at(log.wires, BILLING, 5)] as JsonObject), trail: SEARCH };
    const wires = without(log.wires, BILLING, 5);
    wires.splice(at(wires, SEARCH, 2) + 1, 0, moved);
    const renumbered = rechain(rechain(renumber(renumber(wires, BILLING), SEARCH), BILLING), SEARCH);

    const report = await verify(renumbered, log.checkpoints, log.keyring);

    expect(kinds(report)).toEqual([`root_mismatch ${SEARCH}`, `unanchored ${SEARCH}`, `root_mismatch ${BILLING}`, `missing_entries ${BILLING}`]);
  });

  it('deletion in the middle names the missing sequence', async () => {
    const report = await verify(without(log.wires, BILLING, 5), log.checkpoints, log.keyring);

    expect(report.findings[0]?.message).toContain(`entries 5 to 5 of trail ${BILLING} are missing`);
    expect(report.findings[0]?.location).toEqual({ file: 'audit.jsonl', line: at(log.wires, BILLING, 6) });
  });

  it('deletion at the head still checks the rest', async () => {
    const report = await verify(without(log.wires, BILLING, 0), log.checkpoints, log.keyring);

    expect(report.findings[0]?.message).toContain('3 of its 9 entries could not be checked');
    expect(report.trails.find((trail) => trail.trail === BILLING)?.verifiedTreeSize).toBe(10);
  });

  it('an empty log misses every checkpointed trail', async () => {
    const report = await verify([], log.checkpoints, log.keyring);

    expect(kinds(report)).toEqual([`missing_trail ${SEARCH}`, `missing_trail ${BILLING}`]);
  });
});

describe('forks', () => {
  // The key holder rewrote entry 1 of BILLING and signed the rewritten history again.
  function rewrittenHistory(): { wires: JsonObject[]; resigned: Checkpoint[] } {
    const wires = rechain(edited(log.wires, BILLING, 1, { verdict: 'BLOCK', reason: 'rewritten' }), BILLING);
    return { wires, resigned: signOver(wires, BILLING, [4, 8, 10], log.signer) };
  }

  it('re-signed history against a seen checkpoint', async () => {
    const { wires, resigned } = rewrittenHistory();
    const current = [...log.checkpoints.filter((checkpoint) => checkpoint.trail === SEARCH), ...resigned];

    const withoutSeen = await verify(wires, current, log.keyring);
    const withSeen = await verify(wires, current, log.keyring, [log.checkpoints[0] as Checkpoint]);

    expect(withoutSeen.valid).toBe(true);
    expect(kinds(withSeen)).toEqual([`fork ${BILLING}`]);
    expect(withSeen.findings[0]?.message).toContain('at tree size 4 with 2 different roots');
  });

  it('later checkpoint over a rewritten history', async () => {
    const { wires, resigned } = rewrittenHistory();
    const current = [log.checkpoints[0] as Checkpoint, ...log.checkpoints.filter((checkpoint) => checkpoint.trail === SEARCH), ...resigned.slice(1)];

    const report = await verify(wires, current, log.keyring);

    // The entries give the roots of the re-signed 8 and 10, so the genuine 4 is the odd one out.
    expect(kinds(report)).toEqual([`fork ${BILLING}`]);
    expect(report.findings[0]?.message).toContain('match the later checkpoint at tree size 10: the two checkpoints sign different histories');
  });

  // SEARCH has checkpoints at 4 and 6; both frontiers contain the subtree of entries 0 to 3.
  function rewrittenSearch(keepFrontiers: boolean): { wires: JsonObject[]; current: Checkpoint[] } {
    const wires = rechain(edited(log.wires, SEARCH, 1, { verdict: 'BLOCK', reason: 'rewritten' }), SEARCH);
    const genuine4 = log.checkpoints.find((checkpoint) => checkpoint.trail === SEARCH && checkpoint.tree_size === 4) as Checkpoint;
    const resigned6 = signOver(wires, SEARCH, [6], log.signer);
    const current = [...log.checkpoints.filter((checkpoint) => checkpoint.trail === BILLING), genuine4, ...resigned6];
    return { wires, current: keepFrontiers ? current : current.map(withoutFrontier) };
  }

  it('frontiers that disagree on shared entries', async () => {
    const { wires, current } = rewrittenSearch(true);

    const report = await verify(wires, current, log.keyring);

    expect(kinds(report)).toEqual([`fork ${SEARCH}`, `fork ${SEARCH}`]);
    expect(report.findings[0]?.message).toContain('disagree on the entries they share');
    expect(report.findings[1]?.message).toContain('the two checkpoints sign different histories');
  });

  it('fork is found without frontiers', async () => {
    const { wires, current } = rewrittenSearch(false);

    const report = await verify(wires, current, log.keyring);

    expect(kinds(report)).toEqual([`fork ${SEARCH}`]);
  });

  it('frontiers alone show a fork when entries are gone', async () => {
    const { current } = rewrittenSearch(true);

    const report = await verify(log.wires.filter((wire) => wire.trail === BILLING), current, log.keyring);

    expect(kinds(report)).toEqual([`fork ${SEARCH}`, `missing_trail ${SEARCH}`]);
  });

  it('checkpoints that end below a seen one', async () => {
    const report = await verify(
      log.wires.filter((wire) => !(wire.trail === BILLING && (wire.sequence as number) >= 8)),
      log.checkpoints.filter((checkpoint) => !(checkpoint.trail === BILLING && checkpoint.tree_size > 4)),
      log.keyring,
      log.checkpoints.filter((checkpoint) => checkpoint.trail === BILLING),
    );

    expect(kinds(report)).toEqual([`checkpoint_regression ${BILLING}`, `missing_entries ${BILLING}`]);
  });
});

function withoutFrontier(checkpoint: Checkpoint): Checkpoint {
  const { frontier: _frontier, ...rest } = checkpoint;
  return rest;
}

function swapLines(wires: JsonObject[], a: number, b: number): JsonObject[] {
  const copy = [...wires];
  [copy[a], copy[b]] = [copy[b] as JsonObject, copy[a] as JsonObject];
  return copy;
}

function swapSequences(wires: JsonObject[], trail: string, a: number, b: number): JsonObject[] {
  const first = at(wires, trail, a);
  const second = at(wires, trail, b);
  const copy = [...wires];
  copy[first] = { ...(copy[first] as JsonObject), sequence: b };
  copy[second] = { ...(copy[second] as JsonObject), sequence: a };
  return copy;
}

function duplicate(wires: JsonObject[], trail: string, sequence: number): JsonObject[] {
  const index = at(wires, trail, sequence);
  return [...wires.slice(0, index + 1), wires[index] as JsonObject, ...wires.slice(index + 1)];
}

function renumber(wires: JsonObject[], trail: string): JsonObject[] {
  let next = 0;
  return wires.map((wire) => (wire.trail === trail ? { ...wire, sequence: next++ } : wire));
}
