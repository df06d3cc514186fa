import { resolve } from 'node:path';
import { KeyFileError, Keyring, loadPublicKey, readCheckpointFile, type CheckpointInput } from '@auditgate/checkpoint';
import { InputError } from '../errors.js';
import type { CliIo } from '../io.js';
import { describeOpenError } from '../read/open-input.js';

/**
 * Loads the `--public-key` files into a keyring. Paths resolve against the working directory.
 *
 * @throws {InputError} naming the first file that is missing, unreadable, a private key, or not
 *   an Ed25519 public key.
 */
export async function loadKeyring(paths: readonly string[], io: Pick<CliIo, 'cwd'>): Promise<Keyring> {
  const keyring = new Keyring();
  for (const path of paths) {
    try {
      keyring.add(await loadPublicKey(resolve(io.cwd, path)));
    } catch (error) {
      if (!(error instanceof KeyFileError)) throw error;
      throw new InputError(`--public-key ${path}: ${error.message}`, { cause: error, code: error.code });
    }
  }
  return keyring;
}

/** Handling of a missing file by {@link readCheckpointInputs}. */
export interface MissingFile {
  /** Whether a missing file counts as an empty one. */
  readonly missingOk?: boolean;
  /** Sentence appended to the message about a missing file, saying what it means for the command. */
  readonly missingHint?: string;
}

/**
 * Reads checkpoints files (JSON Lines, as `FileCheckpointSink` writes them) in the order given.
 * Lines that are not checkpoints are kept, so that the verifier reports them. Each location
 * names the file as given on the command line, not its resolved path.
 *
 * @param flag the flag the paths came from, for messages.
 * @throws {InputError} when a file cannot be opened or read.
 */
export async function readCheckpointInputs(paths: readonly string[], flag: string, io: Pick<CliIo, 'cwd'>, missing: MissingFile = {}): Promise<CheckpointInput[]> {
  const inputs: CheckpointInput[] = [];
  for (const path of paths) {
    try {
      for await (const input of readCheckpointFile(resolve(io.cwd, path), { missingOk: missing.missingOk })) {
        inputs.push({ ...input, location: { ...input.location, file: path } });
      }
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('E')) throw error;
      const reason = describeOpenError(error, 'checkpoints file');
      const hint = code === 'ENOENT' && missing.missingHint !== undefined ? `. ${missing.missingHint}` : '';
      throw new InputError(`${flag} ${path}: ${reason}${hint}`, { cause: error });
    }
  }
  return inputs;
}
