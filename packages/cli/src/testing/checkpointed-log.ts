// Builders of checkpointed logs for the CLI's tests: trails recorded through the real Engine and
// MemoryStore, signed by a Checkpointer into a FileCheckpointSink with keys from `auditgate keygen`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Checkpointer, FileCheckpointSink, Keyring, loadPrivateKey, loadPublicKey, pruneWithCheckpoint } from '@auditgate/checkpoint';
import { Engine, canonicalJson, hashWireEntry, parseLosslessJson, serializeEntry, type JsonObject, type RecordInput } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import { BILLING, SEARCH } from './logs.js';
import { runCli } from './run-cli.js';

/** A log export with its checkpoints file and key files, all inside one directory. */
export interface CheckpointedLog {
  readonly lines: string[];
  readonly checkpointsFile: string;
  readonly publicKey: string;
  readonly privateKey: string;
}

/** Creates a key pair at `path` through `auditgate keygen`, unless it exists already. */
export async function keyPair(path: string): Promise<{ privateKey: string; publicKey: string }> {
  if (!existsSync(path)) {
    const result = await runCli(['keygen', '--out', path]);
    if (result.status !== 0) throw new Error(`keygen failed: ${result.stderr}`);
  }
  return { privateKey: path, publicKey: `${path}.pub` };
}

/**
 * Records BILLING (10 entries) and SEARCH (6 entries), interleaved, with checkpoints of both
 * trails at tree size 4, of BILLING at 8, and of every trail at engine close (BILLING 10,
 * SEARCH 6). `change` may alter the record input of BILLING's entry `i`, to build a second,
 * different history signed by the same key.
 */
export async function recordCheckpointedLog(
  dir: string,
  name: string,
  key = join(dir, 'checkpoint.key'),
  change: (input: RecordInput, i: number) => RecordInput = (input) => input,
): Promise<CheckpointedLog> {
  const { privateKey, publicKey } = await keyPair(key);
  const checkpointsFile = join(dir, `${name}-checkpoints.jsonl`);
  const store = new MemoryStore();
  let now = 1_700_000_000;
  const engine = new Engine({ store, clock: () => (now += 1), recordedBy: 'cli-test', defaultPolicy: { integrity: 'CHAIN' } });
  const checkpointer = new Checkpointer(engine, { signer: await loadPrivateKey(privateKey), sink: new FileCheckpointSink(checkpointsFile) });

  for (let i = 0; i < 10; i++) {
    await engine.record(change(billingInput(i), i));
    if (i < 6) await engine.record({ trail: SEARCH, verdict: 'ALLOW', severity: 'DEBUG', gateType: 'rulegate', gateIdentity: 'search:query@global', detail: { i } });
    if (i === 3) {
      await checkpointer.checkpoint(BILLING);
      await checkpointer.checkpoint(SEARCH);
    }
    if (i === 7) await checkpointer.checkpoint(BILLING);
  }
  const lines = (await store.query({})).map((entry) => serializeEntry(entry));
  await engine.close();
  return { lines, checkpointsFile, publicKey, privateKey };
}

/** Records `count` BILLING entries signed by one key, then `count` more signed by another, into one checkpoints file. */
export async function recordRotatedLog(dir: string, count: number): Promise<{ lines: string[]; checkpointsFile: string; oldKey: string; newKey: string }> {
  const oldKey = await keyPair(join(dir, 'old.key'));
  const newKey = await keyPair(join(dir, 'new.key'));
  const checkpointsFile = join(dir, 'rotated-checkpoints.jsonl');
  const store = new MemoryStore();
  const engine = new Engine({ store, recordedBy: 'cli-test', defaultPolicy: { integrity: 'CHAIN' } });

  const before = new Checkpointer(engine, { signer: await loadPrivateKey(oldKey.privateKey), sink: new FileCheckpointSink(checkpointsFile) });
  for (let i = 0; i < count; i++) await engine.record(billingInput(i));
  await before.close();

  // The new key continues the trees that the old key signed, as after a real rotation.
  const keyring = new Keyring([await loadPublicKey(oldKey.publicKey), await loadPublicKey(newKey.publicKey)]);
  new Checkpointer(engine, { signer: await loadPrivateKey(newKey.privateKey), sink: new FileCheckpointSink(checkpointsFile), keyring });
  for (let i = count; i < 2 * count; i++) await engine.record(billingInput(i));
  const lines = (await store.query({})).map((entry) => serializeEntry(entry));
  await engine.close();
  return { lines, checkpointsFile, oldKey: oldKey.publicKey, newKey: newKey.publicKey };
}

/**
 * Records 10 BILLING entries one second apart, then prunes the first 4 behind a signed prune
 * checkpoint. Returns the remaining lines and the `--anchor` value that the chain verifier
 * needs for the pruned trail.
 */
export async function recordPrunedLog(dir: string): Promise<CheckpointedLog & { anchor: string }> {
  const { privateKey, publicKey } = await keyPair(join(dir, 'checkpoint.key'));
  const checkpointsFile = join(dir, 'pruned-checkpoints.jsonl');
  const store = new MemoryStore();
  let now = 1_700_000_000;
  const engine = new Engine({ store, clock: () => (now += 1), recordedBy: 'cli-test', defaultPolicy: { integrity: 'CHAIN' } });
  const checkpointer = new Checkpointer(engine, { signer: await loadPrivateKey(privateKey), sink: new FileCheckpointSink(checkpointsFile) });
  for (let i = 0; i < 10; i++) await engine.record(billingInput(i));

  // Entry i has ts 1_700_000_001 + i, so this removes entries 0 to 3.
  await pruneWithCheckpoint(checkpointer, BILLING, 1_700_000_005);
  const lines = (await store.query({})).map((entry) => serializeEntry(entry));
  const anchor = await store.anchor(BILLING);
  await engine.close();
  return { lines, checkpointsFile, publicKey, privateKey, anchor: `${BILLING}=${anchor!.sequence}:${anchor!.entryHash!}` };
}

function billingInput(i: number): RecordInput {
  return {
    trail: BILLING,
    verdict: i % 3 === 0 ? 'BLOCK' : 'ALLOW',
    gateType: 'actiongate',
    gateIdentity: 'billing:refund@user:42',
    reason: i % 3 === 0 ? 'RATE_LIMIT' : null,
    detail: { index: i, amount: i * 1.5 },
  };
}

/** Parses export lines into wire objects that keep Python number spellings. */
export function parseWires(lines: readonly string[]): JsonObject[] {
  return lines.map((line) => parseLosslessJson(line) as JsonObject);
}

/** Serializes wire objects back to JSON Lines text. */
export function wireLines(wires: readonly JsonObject[]): string {
  return wires.map((wire) => `${canonicalJson(wire)}\n`).join('');
}

/** Recomputes entry_hash and prev_hash of one trail's entries in the order given, as an attacker who edited entries would. */
export function rechain(wires: readonly JsonObject[], trail: string): JsonObject[] {
  let previous: string | null = null;
  return wires.map((wire) => {
    if (wire.trail !== trail) return wire;
    const relinked: JsonObject = { ...wire, prev_hash: previous };
    relinked.entry_hash = hashWireEntry(relinked);
    previous = relinked.entry_hash as string;
    return relinked;
  });
}

/** Reads a checkpoints file's lines. */
export function checkpointLines(path: string): string[] {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((line) => line !== '') : [];
}
