import { AuditgateError } from '@auditgate/core';

/** Exit status of the `auditgate` command. */
export const ExitCode = {
  /** The command succeeded; for `verify`, the log is valid. */
  OK: 0,
  /** `verify` found the log invalid, or another check failed: see {@link CheckFailedError}. */
  INVALID: 1,
  /** Bad usage, or input that could not be read. */
  ERROR: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A command line that cannot run: unknown command or flag, or a missing or bad argument. */
export class UsageError extends AuditgateError {
  /** The command whose help the message points to, or null for the top level. */
  readonly command: string | null;

  constructor(message: string, command: string | null = null) {
    super('USAGE', message);
    this.command = command;
  }
}

/**
 * Input that cannot be read or a file that cannot be written: a missing file, broken JSON, a
 * wrong top-level type, or a key file that exists already. `code` is `UNREADABLE_INPUT` unless
 * the caller names a more specific one.
 */
export class InputError extends AuditgateError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'UNREADABLE_INPUT', message, options);
  }
}

/**
 * A check that ran on readable input and failed: an entry that no checkpoint covers, or a proof
 * that the log cannot give or that does not verify. It ends in status 1, like an invalid log,
 * because the input itself was read without error.
 */
export class CheckFailedError extends AuditgateError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
