import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile, stat, unlink } from 'node:fs/promises';

import { writeNewFile } from '../atomic-file.js';
import { KeyFileError } from '../errors.js';
import { Keyring } from './keyring.js';
import { Ed25519Signer, generateKeyPair, type Ed25519KeyPair } from './signer.js';

/** Where {@link writeKeyPair} put a key pair. */
export interface KeyPairFiles {
  readonly privateKeyPath: string;
  readonly publicKeyPath: string;
  readonly keyId: string;
}

// A PEM Ed25519 key is about 120 bytes; anything far larger is the wrong file.
const MAX_KEY_FILE_BYTES = 64 * 1024;
const PRIVATE_KEY_MODE = 0o600;
const PUBLIC_KEY_MODE = 0o644;
const PRIVATE_PEM_HEADER = '-----BEGIN PRIVATE KEY-----';
const ENCRYPTED_PEM_HEADER = '-----BEGIN ENCRYPTED PRIVATE KEY-----';
const PUBLIC_PEM_HEADER = '-----BEGIN PUBLIC KEY-----';

/**
 * Writes an Ed25519 key pair: the private key as PKCS#8 PEM at `path` with mode 0600, and the
 * public key as SPKI PEM at `path + '.pub'` with mode 0644. Each file is created complete under
 * its final mode, so the private key is never readable by others, not even for a moment.
 * Existing files are never overwritten.
 *
 * @throws {KeyFileError} with code `KEY_EXISTS` when either file exists; nothing is written then.
 */
export async function writeKeyPair(path: string, keyPair: Ed25519KeyPair = generateKeyPair()): Promise<KeyPairFiles> {
  const publicKeyPath = `${path}.pub`;
  const privatePem = keyPair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const publicPem = keyPair.publicKey.export({ type: 'spki', format: 'pem' }) as string;

  await createKeyFile(path, privatePem, PRIVATE_KEY_MODE);
  try {
    await createKeyFile(publicKeyPath, publicPem, PUBLIC_KEY_MODE);
  } catch (error) {
    // Half a key pair is worse than none: the next attempt would fail with KEY_EXISTS.
    await unlink(path).catch(() => undefined);
    throw error;
  }

  return { privateKeyPath: path, publicKeyPath, keyId: keyPair.keyId };
}

/**
 * Loads an unencrypted PKCS#8 PEM Ed25519 private key, such as one {@link writeKeyPair} wrote.
 * On POSIX systems the file must not be readable or writable by group or others.
 *
 * @throws {KeyFileError} with code `KEY_NOT_FOUND`, `KEY_INSECURE_PERMISSIONS` or `KEY_INVALID`.
 *   The message names the file and never quotes its contents.
 */
export async function loadPrivateKey(path: string): Promise<Ed25519Signer> {
  const text = await readKeyFile(path, 'private');
  if (text.includes(ENCRYPTED_PEM_HEADER)) {
    throw invalid(path, 'contains an encrypted private key, which is not supported. Store the key unencrypted with mode 0600, or use a CheckpointSigner for a key held elsewhere');
  }
  if (!text.includes(PRIVATE_PEM_HEADER)) {
    throw invalid(path, `is not a PKCS#8 PEM private key (no "${PRIVATE_PEM_HEADER}" line). Create one with writeKeyPair or "auditgate keygen"`);
  }

  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch (error) {
    // The error of node:crypto is summarized by its code only, so that nothing of the file's
    // contents can reach a log through this message.
    throw invalid(path, `contains a PEM private key that cannot be decoded (${codeOf(error)})`);
  }

  if (key.asymmetricKeyType !== 'ed25519') {
    throw invalid(path, `contains a ${key.asymmetricKeyType ?? 'non-asymmetric'} key, but checkpoints are signed with Ed25519 keys`);
  }
  return new Ed25519Signer(key);
}

/**
 * Loads an SPKI PEM Ed25519 public key, such as the `.pub` file of {@link writeKeyPair}.
 *
 * @throws {KeyFileError} with code `KEY_NOT_FOUND` or `KEY_INVALID`, also when the file contains a
 *   private key: pass the public half, which is safe to share.
 */
export async function loadPublicKey(path: string): Promise<KeyObject> {
  const text = await readKeyFile(path, 'public');
  if (text.includes(PRIVATE_PEM_HEADER) || text.includes(ENCRYPTED_PEM_HEADER)) {
    throw invalid(path, 'contains a private key, but a public key is expected here. Pass the .pub file');
  }
  if (!text.includes(PUBLIC_PEM_HEADER)) {
    throw invalid(path, `is not a PEM public key (no "${PUBLIC_PEM_HEADER}" line)`);
  }

  let key: KeyObject;
  try {
    key = createPublicKey({ key: text, format: 'pem' });
  } catch (error) {
    throw invalid(path, `contains a PEM public key that cannot be decoded (${codeOf(error)})`);
  }

  if (key.asymmetricKeyType !== 'ed25519') {
    throw invalid(path, `contains a ${key.asymmetricKeyType ?? 'non-asymmetric'} key, but checkpoints are signed with Ed25519 keys`);
  }
  return key;
}

/**
 * Loads public keys into a keyring that verifies checkpoints by key id. Pass every key that
 * signed checkpoints you still verify, the retired ones included.
 *
 * @throws {KeyFileError} from {@link loadPublicKey}, for the first file that fails.
 */
export async function loadPublicKeys(paths: Iterable<string>): Promise<Keyring> {
  const keyring = new Keyring();
  for (const path of paths) {
    keyring.add(await loadPublicKey(path));
  }
  return keyring;
}

async function createKeyFile(path: string, pem: string, mode: number): Promise<void> {
  try {
    await writeNewFile(path, pem, mode);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') {
      throw new KeyFileError('KEY_EXISTS', path, `key file ${path} exists already; move it away or choose another path. Existing keys are never overwritten`);
    }
    throw error;
  }
}

async function readKeyFile(path: string, kind: 'public' | 'private'): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') {
      throw new KeyFileError('KEY_NOT_FOUND', path, `${kind} key file ${path} not found`);
    }
    throw new KeyFileError('KEY_NOT_FOUND', path, `${kind} key file ${path} cannot be read (${codeOf(error)})`);
  }

  if (!info.isFile()) {
    throw invalid(path, 'is not a regular file');
  }
  if (info.size > MAX_KEY_FILE_BYTES) {
    throw invalid(path, `has ${info.size} bytes, far more than a PEM key; check the path`);
  }
  if (kind === 'private' && process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
    throw new KeyFileError(
      'KEY_INSECURE_PERMISSIONS',
      path,
      `private key file ${path} has mode ${mode}, so other users may read it; run "chmod 600 ${path}" and check who saw it`,
    );
  }

  return readFile(path, 'latin1');
}

function invalid(path: string, problem: string): KeyFileError {
  return new KeyFileError('KEY_INVALID', path, `key file ${path} ${problem}`);
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'unknown error';
}
