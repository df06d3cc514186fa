import { canonicalJson } from '@auditgate/core';
import { toBase64, toHex } from '@auditgate/merkle';

import type { CheckpointSigner } from './keys/signer.js';

/** Value of every checkpoint's `type` field. */
export const CHECKPOINT_TYPE = 'auditgate.checkpoint' as const;

/** Format version this package writes and reads. */
export const CHECKPOINT_VERSION = 1 as const;

/**
 * A signed statement that a trail's first `tree_size` entries have the Merkle root `root`. This
 * is the wire form: one canonical JSON object per line of a checkpoints file.
 *
 * The signature covers the canonical JSON of every field except `signature` and `frontier`.
 * `frontier` is unsigned, but a verifier uses it only after checking that it folds to `root`.
 */
export interface Checkpoint {
  readonly type: typeof CHECKPOINT_TYPE;
  readonly version: typeof CHECKPOINT_VERSION;
  /** The trail's string form, `namespace:source@principal`. */
  readonly trail: string;
  /** Number of entries covered: sequences 0 to tree_size - 1. At least 1. */
  readonly tree_size: number;
  /** RFC 9162 root of the entries' leaf hashes, 64 lowercase hex characters. */
  readonly root: string;
  /** When the checkpoint was signed, in seconds since the Unix epoch. */
  readonly ts: number;
  /** Id of the signing key: 16 hex characters of the SHA-256 of the raw public key. */
  readonly key_id: string;
  /**
   * Present and true on a prune checkpoint: the signer allows the entries below `tree_size` to
   * be removed, so a trail that starts at sequence `tree_size` is complete. Signed.
   */
  readonly prune?: true;
  /** Ed25519 signature, standard base64 with padding. */
  readonly signature: string;
  /** Roots of the maximal perfect subtrees at `tree_size`, largest first, in hex. Unsigned. */
  readonly frontier?: readonly string[];
}

/** Content of a checkpoint before it is signed. */
export interface CheckpointStatement {
  readonly trail: string;
  readonly treeSize: number;
  readonly root: Uint8Array;
  /** Seconds since the Unix epoch. */
  readonly ts: number;
  readonly prune?: boolean;
  /** The tree's frontier at `treeSize`, to include unsigned. */
  readonly frontier?: readonly Uint8Array[];
}

/**
 * Signs a statement and returns the checkpoint. The caller is responsible for the statement
 * being true; the `Checkpointer` builds it from the store.
 */
export function signCheckpoint(statement: CheckpointStatement, signer: CheckpointSigner): Checkpoint {
  const signed = {
    type: CHECKPOINT_TYPE,
    version: CHECKPOINT_VERSION,
    trail: statement.trail,
    tree_size: statement.treeSize,
    root: toHex(statement.root),
    ts: statement.ts,
    key_id: signer.keyId,
    ...(statement.prune === true ? { prune: true as const } : {}),
  };
  const signature = toBase64(signer.sign(signedMessage(signed)));

  return {
    ...signed,
    signature,
    ...(statement.frontier === undefined ? {} : { frontier: statement.frontier.map(toHex) }),
  };
}

/**
 * Returns the bytes a checkpoint's signature covers: the canonical JSON (sorted keys, ASCII
 * only) of every field but `signature` and `frontier`.
 */
export function signedMessage(checkpoint: Omit<Checkpoint, 'signature' | 'frontier'>): Uint8Array {
  const { signature: _signature, frontier: _frontier, ...signed } = checkpoint as Checkpoint;
  return new Uint8Array(Buffer.from(canonicalJson(signed, 'checkpoint'), 'latin1'));
}

/** Serializes a checkpoint as one line of canonical JSON, without the line break. */
export function serializeCheckpoint(checkpoint: Checkpoint): string {
  return canonicalJson(checkpoint, 'checkpoint');
}
