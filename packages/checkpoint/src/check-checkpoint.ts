import { CompactMerkleTree, fromBase64, fromHex, toHex } from '@auditgate/merkle';

import { signedMessage, type Checkpoint } from './checkpoint.js';
import type { Keyring, SignatureStatus } from './keys/keyring.js';

/** Whether a checkpoint's unsigned frontier can be used: it is absent, folds to the signed root, or does not. */
export type FrontierStatus = 'absent' | 'valid' | 'mismatch';

/** Checks a parsed checkpoint's signature with the key its `key_id` names. */
export function checkSignature(checkpoint: Checkpoint, keyring: Keyring): SignatureStatus {
  return keyring.verify(checkpoint.key_id, signedMessage(checkpoint), fromBase64(checkpoint.signature));
}

/**
 * Checks that a parsed checkpoint's frontier folds to its signed root. Only then may a verifier
 * or a checkpointer continue the tree from it: the root commits to the frontier, so a forged
 * frontier that still matches would need a SHA-256 collision.
 */
export function checkFrontier(checkpoint: Checkpoint): FrontierStatus {
  if (checkpoint.frontier === undefined) {
    return 'absent';
  }
  return restoreFrontier(checkpoint) === undefined ? 'mismatch' : 'valid';
}

/**
 * Returns the compact tree at the checkpoint's size, restored from its frontier, or undefined
 * when the checkpoint has no frontier or the frontier does not fold to its root.
 */
export function restoreFrontier(checkpoint: Checkpoint): CompactMerkleTree | undefined {
  if (checkpoint.frontier === undefined) {
    return undefined;
  }

  const tree = CompactMerkleTree.fromFrontier(checkpoint.tree_size, checkpoint.frontier.map(fromHex));
  return toHex(tree.root()) === checkpoint.root ? tree : undefined;
}
