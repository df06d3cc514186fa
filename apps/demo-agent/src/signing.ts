import {
  Checkpointer,
  FileCheckpointSink,
  Keyring,
  loadPrivateKey,
  readCheckpointFile,
  verifyWithCheckpoints,
  type Checkpoint,
  type CheckpointInput,
  type CheckpointSink,
  type CheckpointReport,
  type Ed25519Signer,
} from '@auditgate/checkpoint';
import { parseLosslessJson, type Engine } from '@auditgate/core';

/** Entries between two checkpoints of one trail. */
const CHECKPOINT_EVERY = 50;

export interface Signing {
  readonly checkpointer: Checkpointer;
  readonly signer: Ed25519Signer;
  readonly checkpointsOut: string;
  /** The sink, which counts the checkpoints this run wrote. */
  readonly sink: CountingSink;
}

/** Signs checkpoints of every trail the engine writes, every 50 entries and when the engine closes. */
export async function attachCheckpointer(engine: Engine, keyFile: string, checkpointsOut: string): Promise<Signing> {
  const signer = await loadPrivateKey(keyFile);
  const sink = new CountingSink(new FileCheckpointSink(checkpointsOut));
  const checkpointer = new Checkpointer(engine, { signer, sink, every: CHECKPOINT_EVERY });
  return { checkpointer, signer, checkpointsOut, sink };
}

/** Passes checkpoints to another sink and counts the ones written, which a file of earlier runs cannot tell. */
export class CountingSink implements CheckpointSink {
  #written = 0;

  constructor(private readonly inner: FileCheckpointSink) {}

  get name(): string {
    return this.inner.name;
  }

  /** Checkpoints written through this sink. */
  get written(): number {
    return this.#written;
  }

  async write(checkpoint: Checkpoint): Promise<void> {
    await this.inner.write(checkpoint);
    this.#written++;
  }

  read(): AsyncIterable<Checkpoint> {
    return this.inner.read();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Verifies exported lines against the checkpoints file, as `auditgate verify --checkpoints` does. */
export async function verifyAgainstCheckpoints(lines: readonly string[], signing: Signing): Promise<CheckpointReport> {
  const checkpoints: CheckpointInput[] = [];
  for await (const input of readCheckpointFile(signing.checkpointsOut)) checkpoints.push(input);
  return verifyWithCheckpoints({
    entries: lines.map((line, index) => ({ wire: parseLosslessJson(line), location: { line: index + 1 } })),
    checkpoints,
    keyring: new Keyring([signing.signer.publicKey]),
  });
}
