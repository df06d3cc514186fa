import { verifyEntries, type JsonObject } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Checkpoint } from '../checkpoint.js';
import { Checkpointer } from '../checkpointer/checkpointer.js';
import { Keyring } from '../keys/keyring.js';
import { BILLING, MemorySink, SEARCH, chainEngine, checkpointInputs, entryInputs, exportLines, newSigner, parseLines, rechain, record, toLines } from '../test-support/trails.js';
import { verifyWithCheckpoints } from './verify-with-checkpoints.js';

// Changes that leave a hash chain consistent with itself, so the chain verifier of
// @auditgate/core accepts them. Each must fail checkpoint verification.
let wires: JsonObject[];
let checkpoints: Checkpoint[];
let keyring: Keyring;

beforeAll(async () => {
  const store = new MemoryStore();
  const engine = chainEngine(store);
  const signer = newSigner();
  const sink = new MemorySink();
  new Checkpointer(engine, { signer, sink });
  await record(engine, BILLING, 6);
  await record(engine, SEARCH, 3);
  wires = parseLines(await exportLines(store));
  await engine.close();
  checkpoints = sink.written;
  keyring = new Keyring([signer.publicKey]);
});

const lastOf = (trail: string) => (list: JsonObject[]) => list.filter((wire) => !(wire.trail === trail && wire.sequence === 5));

const blindSpots: Array<[string, (list: JsonObject[]) => JsonObject[], string]> = [
  ['edited wall_ts', (list) => list.map((wire) => (wire.trail === BILLING && wire.sequence === 1 ? { ...wire, wall_ts: '2001-01-01T00:00:00.000000+00:00' } : wire)), 'root_mismatch'],
  ['edited recorded_by', (list) => list.map((wire) => (wire.trail === BILLING && wire.sequence === 2 ? { ...wire, recorded_by: 'intruder' } : wire)), 'root_mismatch'],
  ['edited and rechained', (list) => rechain(list.map((wire) => (wire.trail === BILLING && wire.sequence === 3 ? { ...wire, verdict: 'ALLOW', reason: null } : wire)), BILLING), 'root_mismatch'],
  ['truncated tail', lastOf(BILLING), 'missing_entries'],
  ['deleted trail', (list) => list.filter((wire) => wire.trail !== SEARCH), 'missing_trail'],
  ['forged entry appended', (list) => rechain([...list, { ...(list.find((wire) => wire.trail === BILLING && wire.sequence === 5) as JsonObject), sequence: 6 }], BILLING), 'unanchored'],
];

describe('changes a hash chain cannot show', () => {
  it.each(blindSpots)('%s', async (_name, tamper, kind) => {
    const tampered = tamper(wires);

    const chain = verifyEntries(tampered);
    const report = await verifyWithCheckpoints({ entries: entryInputs(toLines(tampered)), checkpoints: checkpointInputs(checkpoints), keyring });

    expect(chain.findings).toEqual([]);
    expect(report.findings.map((finding) => finding.kind)).toEqual([kind]);
  });
});
