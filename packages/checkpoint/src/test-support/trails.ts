// Test helpers: trails built with the real Engine and MemoryStore, exported as wire lines, and
// the tampering steps an attacker with write access to the store could take.
import { Engine, canonicalJson, hashWireEntry, parseLosslessJson, serializeEntry, type JsonObject, type Store } from '@auditgate/core';
import { CompactMerkleTree } from '@auditgate/merkle';
import { MemoryStore } from '@auditgate/store-memory';

import { signCheckpoint, type Checkpoint } from '../checkpoint.js';
import type { CheckpointInput } from '../checkpoint-file.js';
import { Ed25519Signer, generateKeyPair } from '../keys/signer.js';
import { wireLeafHash } from '../leaf.js';
import type { CheckpointSink } from '../sinks/sink.js';
import type { EntryInput } from '../verify/verify-with-checkpoints.js';

export const BILLING = 'billing:actiongate@user:42';
export const SEARCH = 'api:rulegate@global';

/** Returns a clock that advances by one second per reading, so that every entry has its own ts. */
export function steppingClock(start = 1_700_000_000): () => number {
  let now = start;
  return () => {
    now += 1;
    return now;
  };
}

/** Creates an engine over a fresh memory store, with CHAIN integrity for every trail. */
export function chainEngine(store: Store = new MemoryStore(), clock = steppingClock()): Engine {
  return new Engine({ store, clock, recordedBy: 'billing-service', defaultPolicy: { integrity: 'CHAIN' } });
}

/** Records `count` entries into `trail`, each with its index in `detail`. */
export async function record(engine: Engine, trail: string, count: number, from = 0): Promise<void> {
  for (let i = from; i < from + count; i++) {
    await engine.record({
      trail,
      verdict: i % 3 === 0 ? 'BLOCK' : 'ALLOW',
      gateType: 'actiongate',
      gateIdentity: `${trail.split('@')[0]}:refund@user:42`,
      reason: i % 3 === 0 ? 'RATE_LIMIT' : null,
      detail: { index: i, amount: i * 1.5 },
    });
  }
}

/** Exports every entry of the store as wire lines, ordered by ts across trails, as a log export would be. */
export async function exportLines(store: Store): Promise<string[]> {
  return (await store.query({})).map(serializeEntry);
}

export function parseLines(lines: readonly string[]): JsonObject[] {
  return lines.map((line) => parseLosslessJson(line) as JsonObject);
}

/** Serializes wire objects back to lines. */
export function toLines(wires: readonly JsonObject[]): string[] {
  return wires.map((wire) => canonicalJson(wire));
}

/** Wraps lines as verifier input with file locations. */
export function entryInputs(lines: readonly string[], file = 'audit.jsonl'): EntryInput[] {
  return lines.map((line, i) => ({ wire: parseLosslessJson(line), location: { file, line: i + 1 } }));
}

export function checkpointInputs(checkpoints: readonly Checkpoint[], file = 'checkpoints.jsonl'): CheckpointInput[] {
  return checkpoints.map((checkpoint, i) => ({ checkpoint: JSON.parse(JSON.stringify(checkpoint)) as unknown, location: { file, line: i + 1 } }));
}

/**
 * Recomputes entry_hash and prev_hash of one trail's entries in the order given, as an attacker
 * who edited entries would, so that a hash-chain verifier finds nothing wrong.
 */
export function rechain(wires: JsonObject[], trail: string): JsonObject[] {
  let previous: string | null = null;
  return wires.map((wire) => {
    if (wire.trail !== trail) {
      return wire;
    }
    const relinked: JsonObject = { ...wire, prev_hash: previous };
    relinked.entry_hash = hashWireEntry(relinked);
    previous = relinked.entry_hash as string;
    return relinked;
  });
}

export function newSigner(): Ed25519Signer {
  return new Ed25519Signer(generateKeyPair().privateKey);
}

/** A sink that keeps checkpoints in memory, readable like a file sink. */
export class MemorySink implements CheckpointSink {
  readonly name = 'memory';
  readonly written: Checkpoint[] = [];
  failNext = false;
  closed = false;

  async write(checkpoint: Checkpoint): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    this.written.push(checkpoint);
  }

  async *read(): AsyncGenerator<Checkpoint> {
    yield* this.written;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Signs checkpoints over the given wire entries of one trail at each of `sizes`, as a holder of the key could. */
export function signOver(wires: readonly JsonObject[], trail: string, sizes: readonly number[], signer: Ed25519Signer, ts = 1_800_000_000): Checkpoint[] {
  const tree = new CompactMerkleTree();
  const checkpoints: Checkpoint[] = [];
  for (const wire of wires.filter((candidate) => candidate.trail === trail)) {
    tree.append(wireLeafHash(wire));
    if (sizes.includes(tree.size)) {
      checkpoints.push(signCheckpoint({ trail, treeSize: tree.size, root: tree.root(), ts, frontier: tree.frontier().hashes }, signer));
    }
  }
  return checkpoints;
}
