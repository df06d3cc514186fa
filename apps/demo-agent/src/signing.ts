import {
  Checkpointer,
  FileCheckpointSink,
  Keyring,
  loadPrivateKey,
  readCheckpointFile,
  verifyWithCheckpoints,
  type CheckpointInput,
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
}

/** Signs checkpoints of every trail the engine writes, every 50 entries and when the engine closes. */
export async function attachCheckpointer(engine: Engine, keyFile: string, checkpointsOut: string): Promise<Signing> {
  const signer = await loadPrivateKey(keyFile);
  const checkpointer = new Checkpointer(engine, { signer, sink: new FileCheckpointSink(checkpointsOut), every: CHECKPOINT_EVERY });
  return { checkpointer, signer, checkpointsOut };
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
