import { generateKeyPairSync } from 'node:crypto';
import { chmod, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { KeyFileError } from '../errors.js';
import { loadPrivateKey, loadPublicKey, loadPublicKeys, writeKeyPair } from './key-files.js';
import { generateKeyPair } from './signer.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'auditgate-keys-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const posix = process.platform !== 'win32';

describe('writeKeyPair', () => {
  it.runIf(posix)('writes the private key with mode 0600 and the public key with 0644', async () => {
    const keyPath = path.join(directory, 'checkpoint.key');

    const files = await writeKeyPair(keyPath);

    expect(files).toMatchObject({ privateKeyPath: keyPath, publicKeyPath: `${keyPath}.pub` });
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
    expect((await stat(`${keyPath}.pub`)).mode & 0o777).toBe(0o644);
    expect(await readFile(keyPath, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(await readFile(`${keyPath}.pub`, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(await readdir(directory)).toEqual(['checkpoint.key', 'checkpoint.key.pub']);
  });

  it.runIf(posix)('keeps mode 0600 under a permissive umask', async () => {
    const previous = process.umask(0);
    try {
      await writeKeyPair(path.join(directory, 'open.key'));
    } finally {
      process.umask(previous);
    }

    expect((await stat(path.join(directory, 'open.key'))).mode & 0o777).toBe(0o600);
  });

  it('round-trips through the loaders', async () => {
    const keyPath = path.join(directory, 'checkpoint.key');
    const pair = generateKeyPair();

    const files = await writeKeyPair(keyPath, pair);
    const signer = await loadPrivateKey(keyPath);
    const keyring = await loadPublicKeys([files.publicKeyPath]);

    expect(files.keyId).toBe(pair.keyId);
    expect(signer.keyId).toBe(pair.keyId);
    expect(keyring.keyIds).toEqual([pair.keyId]);
  });

  it('never overwrites an existing key', async () => {
    const keyPath = path.join(directory, 'checkpoint.key');
    await writeKeyPair(keyPath);
    const before = await readFile(keyPath, 'utf8');

    await expect(writeKeyPair(keyPath)).rejects.toMatchObject({ code: 'KEY_EXISTS', path: keyPath });
    expect(await readFile(keyPath, 'utf8')).toBe(before);
  });

  it('writes nothing when the public key file exists', async () => {
    const keyPath = path.join(directory, 'checkpoint.key');
    await writeFile(`${keyPath}.pub`, 'someone else\n');

    await expect(writeKeyPair(keyPath)).rejects.toMatchObject({ code: 'KEY_EXISTS', path: `${keyPath}.pub` });
    expect(await readdir(directory)).toEqual(['checkpoint.key.pub']);
  });
});

describe('loadPrivateKey', () => {
  async function writeKey(name: string, text: string, mode = 0o600): Promise<string> {
    const file = path.join(directory, name);
    await writeFile(file, text, { mode });
    await chmod(file, mode);
    return file;
  }

  // Key-like text whose body must never reach an error message.
  const secretBody = 'MC4CAQAwBQYDK2VwBCIEIAVeRySeCrEtKeYmAtErIaLdOnOtPrInT1234567';

  it('does not echo a corrupt key', async () => {
    const file = await writeKey('corrupt.key', `-----BEGIN PRIVATE KEY-----\n${secretBody}\n-----END PRIVATE KEY-----\n`);

    const error = await loadPrivateKey(file).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(KeyFileError);
    expect(error).toMatchObject({ code: 'KEY_INVALID' });
    expect((error as Error).message).toContain('cannot be decoded');
    expect((error as Error).message).not.toContain(secretBody.slice(0, 16));
    expect(JSON.stringify(error)).not.toContain(secretBody.slice(0, 16));
    expect((error as Error).cause).toBeUndefined();
  });

  it('does not echo text that is not a key', async () => {
    const file = await writeKey('notes.key', `${secretBody}\n`);

    const error = (await loadPrivateKey(file).catch((caught: unknown) => caught)) as Error;

    expect(error.message).toContain('is not a PKCS#8 PEM private key');
    expect(error.message).not.toContain(secretBody.slice(0, 16));
  });

  it('rejects a public key, an RSA key and an encrypted key', async () => {
    const pair = generateKeyPair();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const publicFile = await writeKey('public.key', pair.publicKey.export({ type: 'spki', format: 'pem' }) as string);
    const rsaFile = await writeKey('rsa.key', rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    const encrypted = pair.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }) as string;
    const encryptedFile = await writeKey('encrypted.key', encrypted);

    await expect(loadPrivateKey(publicFile)).rejects.toThrow('is not a PKCS#8 PEM private key');
    await expect(loadPrivateKey(rsaFile)).rejects.toThrow('contains a rsa key, but checkpoints are signed with Ed25519 keys');
    await expect(loadPrivateKey(encryptedFile)).rejects.toThrow('contains an encrypted private key');
  });

  it.runIf(posix)('rejects a key file that others can read', async () => {
    const keyPath = path.join(directory, 'checkpoint.key');
    await writeKeyPair(keyPath);
    await chmod(keyPath, 0o644);

    const failure = loadPrivateKey(keyPath);

    await expect(failure).rejects.toMatchObject({ code: 'KEY_INSECURE_PERMISSIONS' });
    await expect(failure).rejects.toThrow('has mode 0644');
  });

  it('reports a missing file', async () => {
    await expect(loadPrivateKey(path.join(directory, 'absent.key'))).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
  });
});

describe('loadPublicKey', () => {
  it('rejects a private key file', async () => {
    const keyPath = path.join(directory, 'checkpoint.key');
    await writeKeyPair(keyPath);

    const error = (await loadPublicKey(keyPath).catch((caught: unknown) => caught)) as Error;

    expect(error).toMatchObject({ code: 'KEY_INVALID' });
    expect(error.message).toContain('contains a private key, but a public key is expected here');
    expect(error.message).not.toContain((await readFile(keyPath, 'utf8')).split('\n')[1]);
  });

  it('rejects a public key of another type', async () => {
    const file = path.join(directory, 'rsa.pub');
    await writeFile(file, generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }) as string);

    await expect(loadPublicKey(file)).rejects.toThrow('contains a rsa key');
  });

  it('builds a keyring of several keys', async () => {
    const first = await writeKeyPair(path.join(directory, 'old.key'));
    const second = await writeKeyPair(path.join(directory, 'new.key'));

    const keyring = await loadPublicKeys([first.publicKeyPath, second.publicKeyPath]);

    expect(keyring.keyIds).toEqual([first.keyId, second.keyId]);
  });
});
