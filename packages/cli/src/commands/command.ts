import type { ExitCode } from '../errors.js';
import type { CliIo } from '../io.js';

/** One `auditgate` subcommand. */
export interface Command {
  readonly name: string;
  /** One line for the top-level help. */
  readonly summary: string;
  /** Returns the full `--help` text, with usage, flags and an example. */
  help(io: CliIo): string;
  /**
   * Runs the command with the arguments after its name.
   *
   * @throws {UsageError} on a bad command line.
   * @throws {InputError} on input that cannot be read.
   */
  run(args: readonly string[], io: CliIo): Promise<ExitCode>;
}
