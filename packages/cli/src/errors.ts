import { AuditgateError } from '@auditgate/core';

/** Exit status of the `auditgate` command. */
export const ExitCode = {
  /** The command succeeded; for `verify`, the log is valid. */
  OK: 0,
  /** `verify` found the log invalid. */
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

/** Input that cannot be read: a missing file, broken JSON, or a wrong top-level type. */
export class InputError extends AuditgateError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('UNREADABLE_INPUT', message, options);
  }
}
