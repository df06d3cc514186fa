import { verify, type KeyObject } from 'node:crypto';

import { keyIdOf } from './signer.js';

/** Outcome of checking one signature against a keyring. */
export type SignatureStatus = 'valid' | 'bad_signature' | 'unknown_key';

const ED25519_SIGNATURE_BYTES = 64;

/**
 * Trusted Ed25519 public keys by key id. Keep every key that ever signed checkpoints you still
 * verify: after a rotation, old checkpoints verify under the old key and new ones under the new.
 */
export class Keyring {
  readonly #keys = new Map<string, KeyObject>();

  /** @throws {CheckpointError} with code `KEY_INVALID` when a key is not an Ed25519 public key. */
  constructor(publicKeys: Iterable<KeyObject> = []) {
    for (const key of publicKeys) {
      this.add(key);
    }
  }

  /**
   * Adds a public key and returns its key id. Adding the same key twice keeps one copy.
   *
   * @throws {CheckpointError} with code `KEY_INVALID` when the key is not an Ed25519 public key.
   */
  add(publicKey: KeyObject): string {
    const keyId = keyIdOf(publicKey);
    this.#keys.set(keyId, publicKey);
    return keyId;
  }

  get(keyId: string): KeyObject | undefined {
    return this.#keys.get(keyId);
  }

  has(keyId: string): boolean {
    return this.#keys.has(keyId);
  }

  /** Key ids in the order the keys were added. */
  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }

  get size(): number {
    return this.#keys.size;
  }

  /** Checks an Ed25519 `signature` of `message` by the key with `keyId`. */
  verify(keyId: string, message: Uint8Array, signature: Uint8Array): SignatureStatus {
    const key = this.#keys.get(keyId);
    if (key === undefined) {
      return 'unknown_key';
    }

    if (signature.length !== ED25519_SIGNATURE_BYTES) {
      return 'bad_signature';
    }
    return verify(null, message, key, signature) ? 'valid' : 'bad_signature';
  }
}
