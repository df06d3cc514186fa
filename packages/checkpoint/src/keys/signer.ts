import { createHash, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';

import { CheckpointError } from '../errors.js';

/**
 * Anything that signs checkpoints: the Ed25519 signer below, or an adapter to a hardware key or
 * a signing service. `sign` returns the 64-byte Ed25519 signature of `message`.
 */
export interface CheckpointSigner {
  /** {@link keyIdOf} the public key. */
  readonly keyId: string;
  readonly publicKey: KeyObject;
  sign(message: Uint8Array): Uint8Array;
}

/** A freshly generated Ed25519 key pair with its key id. */
export interface Ed25519KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly keyId: string;
}

/**
 * Returns the key id of an Ed25519 public key: the first 16 hex characters of the SHA-256 of
 * its raw 32-byte form.
 *
 * @throws {CheckpointError} with code `KEY_INVALID` when the key is not an Ed25519 public key.
 */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 16);
}

/**
 * Returns the raw 32-byte form of an Ed25519 public key (RFC 8032).
 *
 * @throws {CheckpointError} with code `KEY_INVALID` when the key is not an Ed25519 public key.
 */
export function rawPublicKey(publicKey: KeyObject): Uint8Array {
  assertEd25519(publicKey, 'public');
  const { x } = publicKey.export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(x as string, 'base64url'));
}

/** Generates an Ed25519 key pair with `node:crypto`. */
export function generateKeyPair(): Ed25519KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/**
 * Signs with an Ed25519 private key held in memory. The key stays in a private field:
 * `JSON.stringify` and `util.inspect` show only the key id, so logging a signer leaks nothing.
 */
export class Ed25519Signer implements CheckpointSigner {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  readonly #privateKey: KeyObject;

  /** @throws {CheckpointError} with code `KEY_INVALID` when the key is not an Ed25519 private key. */
  constructor(privateKey: KeyObject) {
    assertEd25519(privateKey, 'private');
    this.#privateKey = privateKey;
    this.publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(this.publicKey);
  }

  sign(message: Uint8Array): Uint8Array {
    // Ed25519 hashes internally, so Node takes no digest name here.
    return new Uint8Array(sign(null, message, this.#privateKey));
  }

  toJSON(): { keyId: string } {
    return { keyId: this.keyId };
  }

  [inspect.custom](): string {
    return `Ed25519Signer { keyId: '${this.keyId}' }`;
  }
}

function assertEd25519(key: KeyObject, type: 'public' | 'private'): void {
  const isKeyObject = typeof key === 'object' && key !== null && 'asymmetricKeyType' in key;
  if (!isKeyObject || key.type !== type || key.asymmetricKeyType !== 'ed25519') {
    const found = isKeyObject ? `a ${key.type} ${key.asymmetricKeyType ?? 'symmetric'} key` : typeof key;
    throw new CheckpointError('KEY_INVALID', `expected an Ed25519 ${type} KeyObject, got ${found}`);
  }
}
