import { createHash, generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';

import { describe, expect, it } from 'vitest';

import { CheckpointError } from '../errors.js';
import { Keyring } from './keyring.js';
import { Ed25519Signer, generateKeyPair, keyIdOf, rawPublicKey } from './signer.js';

describe('key ids', () => {
  it('are a SHA-256 prefix of the raw key', () => {
    const { publicKey, keyId } = generateKeyPair();
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    // An Ed25519 SPKI structure is a 12-byte header followed by the raw 32-byte key.
    const raw = spki.subarray(12);

    expect(rawPublicKey(publicKey)).toEqual(new Uint8Array(raw));
    expect(keyId).toBe(createHash('sha256').update(raw).digest('hex').slice(0, 16));
    expect(keyIdOf(publicKey)).toBe(keyId);
  });

  it('reject keys that are not Ed25519 public keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });

    expect(() => keyIdOf(rsa.publicKey)).toThrow(CheckpointError);
    expect(() => keyIdOf(rsa.publicKey)).toThrow('expected an Ed25519 public KeyObject, got a public rsa key');
    expect(() => keyIdOf(generateKeyPair().privateKey)).toThrow('got a private ed25519 key');
  });
});

describe('Ed25519Signer', () => {
  it('signs what the keyring verifies', () => {
    const signer = new Ed25519Signer(generateKeyPair().privateKey);
    const message = new TextEncoder().encode('checkpoint');
    const keyring = new Keyring([signer.publicKey]);

    const signature = signer.sign(message);

    expect(signature).toHaveLength(64);
    expect(keyring.verify(signer.keyId, message, signature)).toBe('valid');
    expect(keyring.verify(signer.keyId, new TextEncoder().encode('checkpoinT'), signature)).toBe('bad_signature');
  });

  it('never shows its private key', () => {
    const pair = generateKeyPair();
    const signer = new Ed25519Signer(pair.privateKey);
    const secret = (pair.privateKey.export({ format: 'jwk' }) as { d: string }).d;
    const pem = (pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).split('\n')[1] as string;

    for (const rendered of [JSON.stringify(signer), inspect(signer, { showHidden: true, depth: 5 }), String(signer)]) {
      expect(rendered).not.toContain(secret);
      expect(rendered).not.toContain(pem);
    }
    expect(JSON.stringify(signer)).toBe(`{"keyId":"${signer.keyId}"}`);
  });

  it('rejects a public key', () => {
    expect(() => new Ed25519Signer(generateKeyPair().publicKey)).toThrow('expected an Ed25519 private KeyObject');
  });
});

describe('Keyring', () => {
  it('reports unknown keys and short signatures', () => {
    const signer = new Ed25519Signer(generateKeyPair().privateKey);
    const keyring = new Keyring([signer.publicKey, signer.publicKey]);
    const message = Uint8Array.of(1, 2, 3);

    expect(keyring.size).toBe(1);
    expect(keyring.keyIds).toEqual([signer.keyId]);
    expect(keyring.verify('0000000000000000', message, signer.sign(message))).toBe('unknown_key');
    expect(keyring.verify(signer.keyId, message, signer.sign(message).slice(0, 63))).toBe('bad_signature');
  });

  it('verifies with every key it holds', () => {
    const a = new Ed25519Signer(generateKeyPair().privateKey);
    const b = new Ed25519Signer(generateKeyPair().privateKey);
    const keyring = new Keyring([a.publicKey]);
    keyring.add(b.publicKey);
    const message = Uint8Array.of(7);

    expect(keyring.verify(a.keyId, message, a.sign(message))).toBe('valid');
    expect(keyring.verify(b.keyId, message, b.sign(message))).toBe('valid');
    expect(keyring.verify(b.keyId, message, a.sign(message))).toBe('bad_signature');
    expect(keyring.has(a.keyId)).toBe(true);
    expect(keyring.get(b.keyId)).toBe(b.publicKey);
  });
});
