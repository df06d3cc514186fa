import { createHash } from 'node:crypto';

import { HashLengthError } from './errors.js';

/** Length in bytes of every leaf, node and root hash (SHA-256). */
export const HASH_SIZE = 32;

// RFC 6962 domain separation prefixes. They stop an attacker from presenting an interior
// node as a leaf (second-preimage attack) because the two hash inputs never coincide.
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** Computes the RFC 9162 leaf hash SHA-256(0x00 || data). */
export function leafHash(data: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + data.length);
  input[0] = LEAF_PREFIX;
  input.set(data, 1);
  return sha256(input);
}

/**
 * Computes the RFC 9162 interior node hash SHA-256(0x01 || left || right). The inputs are
 * not length-checked, so that the function mirrors the RFC definition exactly.
 */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = NODE_PREFIX;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256(input);
}

/** Computes the root of the empty tree, SHA-256 of the empty string. Returns a new array on each call. */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/**
 * Throws unless `hash` is a 32-byte array.
 *
 * @throws {HashLengthError} naming `field`.
 */
export function assertHashLength(hash: Uint8Array, field: string): void {
  if (!(hash instanceof Uint8Array)) {
    throw new HashLengthError(field, undefined);
  }

  if (hash.length !== HASH_SIZE) {
    throw new HashLengthError(field, hash.length);
  }
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    return false;
  }

  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

function sha256(input: Uint8Array): Uint8Array {
  const digest = createHash('sha256').update(input).digest();
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}
