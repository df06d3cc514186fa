import { CheckpointVerifier, type CheckpointInput, type CheckpointReport, type Keyring } from '@auditgate/checkpoint';
import type { VerifiedEntry } from '@auditgate/core';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { loadKeyring, readCheckpointInputs } from './checkpoint-inputs.js';
import { fileIdentity } from '../read/file-identity.js';
import { appendToSeenFile } from './seen-file.js';

// A missing checkpoints file stays an error (status 2) rather than an empty list, so that a
// wrong path is not mistaken for a log whose checkpoints were all deleted.
const MISSING_CHECKPOINTS =
  'Without its checkpoints the log cannot be checked against them: every entry would be unanchored and the log invalid. ' +
  'Give the file the Checkpointer writes (an empty file to see the unanchored findings), or leave out --checkpoints and --public-key to check the hash chain only';

/** The checkpoint flags of `verify`. */
export interface CheckpointFlags {
  readonly checkpoints: readonly string[];
  readonly publicKeys: readonly string[];
  readonly seen: string | undefined;
}

/** Summary of the files that a checkpoint-aware run read and wrote, for the report. */
export interface CheckpointRunSummary {
  /** The `--checkpoints` files, as given. */
  readonly files: readonly string[];
  /** Ids of the `--public-key` keys, in the order given. */
  readonly keyIds: readonly string[];
  /** The `--seen` file, the checkpoints read from it, and how many this run appended. */
  readonly seen: { readonly file: string; readonly read: number; readonly appended: number } | null;
}

/**
 * Checks every entry that core's `Verifier` passes to its `onEntry` hook against signed
 * checkpoints, with a `CheckpointVerifier` of `@auditgate/checkpoint`.
 */
export class CheckpointLayer {
  readonly #verifier: CheckpointVerifier;

  private constructor(
    readonly flags: CheckpointFlags,
    readonly keyring: Keyring,
    readonly listed: readonly CheckpointInput[],
    readonly seen: readonly CheckpointInput[],
    maxFindings: number,
  ) {
    this.#verifier = new CheckpointVerifier({ checkpoints: listed, seen, keyring, maxFindings });
  }

  /**
   * Checks the flags, loads the keys and reads every checkpoint, or returns null when no
   * checkpoint flag is given.
   *
   * @throws {UsageError} when `--checkpoints` and `--public-key` are not given together, when
   *   `--seen` comes without them, or when `--seen` names a `--checkpoints` file (links included).
   * @throws {InputError} when a key or checkpoints file cannot be read.
   */
  static async open(flags: CheckpointFlags, maxFindings: number, io: Pick<CliIo, 'cwd'>): Promise<CheckpointLayer | null> {
    if (!checkFlags(flags)) return null;
    await assertSeenIsSeparate(flags, io.cwd);

    const keyring = await loadKeyring(flags.publicKeys, io);
    const listed = await readCheckpointInputs(flags.checkpoints, '--checkpoints', io, { missingHint: MISSING_CHECKPOINTS });
    const seen = flags.seen === undefined ? [] : await readCheckpointInputs([flags.seen], '--seen', io, { missingOk: true });
    return new CheckpointLayer(flags, keyring, listed, seen, maxFindings);
  }

  /** Feeds one entry that core's verifier read, in the order it read them. */
  add(verified: VerifiedEntry): void {
    this.#verifier.add(verified.wire, verified.location);
  }

  /**
   * Ends the checkpoint checks, then appends the newest checkpoints to the `--seen` file, if any.
   *
   * @throws {InputError} when the seen file cannot be written.
   */
  async finish(io: Pick<CliIo, 'cwd'>): Promise<{ report: CheckpointReport; summary: CheckpointRunSummary }> {
    const report = this.#verifier.finish();
    const { seen: seenFile } = this.flags;
    const appended = seenFile === undefined ? 0 : await appendToSeenFile(seenFile, this.listed, this.seen, this.keyring, io);

    const summary: CheckpointRunSummary = {
      files: this.flags.checkpoints,
      keyIds: this.keyring.keyIds,
      seen: seenFile === undefined ? null : { file: seenFile, read: this.seen.length, appended },
    };
    return { report, summary };
  }
}

// Returns whether checkpoints are in use. Checkpoints cannot be checked without a key, and a key
// alone would verify nothing, so either flag alone is a mistake rather than a silent no-op.
function checkFlags(flags: CheckpointFlags): boolean {
  const hasCheckpoints = flags.checkpoints.length > 0;
  const hasKeys = flags.publicKeys.length > 0;
  if (hasCheckpoints && !hasKeys) {
    throw new UsageError('--checkpoints needs --public-key FILE: the public key of every key that signed them', 'verify');
  }
  if (hasKeys && !hasCheckpoints) {
    throw new UsageError('--public-key needs --checkpoints FILE: the checkpoints to check the log against', 'verify');
  }
  if (flags.seen !== undefined && !hasCheckpoints) {
    throw new UsageError('--seen needs --checkpoints FILE and --public-key FILE', 'verify');
  }
  return hasCheckpoints;
}

// The seen file is appended to, so it must not be a checkpoints file under another name, such
// as a symbolic or hard link to it.
async function assertSeenIsSeparate(flags: CheckpointFlags, cwd: string): Promise<void> {
  if (flags.seen === undefined) return;

  const seen = await fileIdentity(cwd, flags.seen);
  for (const file of flags.checkpoints) {
    if ((await fileIdentity(cwd, file)) === seen) {
      throw new UsageError(
        `--seen ${flags.seen} is the same file as --checkpoints ${file}; the seen file must be a separate file that this command appends to`,
        'verify',
      );
    }
  }
}
