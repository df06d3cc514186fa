import { AuditgateError } from '@auditgate/core';
import { wantsJson } from './args.js';
import type { Command } from './commands/command.js';
import { checkProofCommand } from './commands/check-proof.js';
import { exportCommand } from './commands/export.js';
import { hashCommand } from './commands/hash.js';
import { keygenCommand } from './commands/keygen.js';
import { proveCommand } from './commands/prove.js';
import { queryCommand } from './commands/query.js';
import { verifyCommand } from './commands/verify.js';
import { CheckFailedError, ExitCode, InputError, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { escapeControls, printableJson } from './output/printable.js';
import { defaultStoreRegistry } from './stores/registry.js';
import { CLI_VERSION } from './version.js';

const COMMANDS: readonly Command[] = [verifyCommand, hashCommand, queryCommand, exportCommand, keygenCommand, proveCommand, checkProofCommand];

function topLevelHelp(): string {
  const commands = COMMANDS.map((command) => `  ${command.name.padEnd(12)} ${command.summary}`).join('\n');
  return `Usage: auditgate <command> [flags]

Verifies and inspects auditgate audit trails, which the Python gate family reads and writes too.

Commands:
${commands}

Every command accepts --help and --json. Run 'auditgate <command> --help' for its flags.
'auditgate --version' prints the version of this package.

Exit status: 0 success (for verify: the log is valid), 1 a check failed (verify found the
log invalid, prove found no proof, check-proof rejected the proof), 2 bad usage or unreadable
input.

Example:
  auditgate verify audit-export.json
  auditgate keygen --out checkpoint.key
`;
}

/**
 * Runs the `auditgate` command line in this process and resolves with its exit status. Output
 * goes to `io.stdout` and `io.stderr`; missing parts of `io` come from the process.
 *
 * @example
 * const status = await main(['verify', 'audit-export.json']);
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<ExitCode> {
  const cli = withDefaults(io);
  const [name, ...args] = argv;

  if (name === undefined) {
    cli.stderr.write(topLevelHelp());
    return ExitCode.ERROR;
  }
  if (name === '--help' || name === '-h') {
    cli.stdout.write(topLevelHelp());
    return ExitCode.OK;
  }
  if (name === 'help') return printHelp(args[0], cli);
  if (name === '--version' || name === '-V') {
    cli.stdout.write(`${CLI_VERSION}\n`);
    return ExitCode.OK;
  }

  const command = COMMANDS.find((candidate) => candidate.name === name);
  try {
    if (command === undefined) {
      throw new UsageError(`unknown command ${JSON.stringify(name)}; the commands are ${COMMANDS.map((known) => known.name).join(', ')}`);
    }
    return await command.run(args, cli);
  } catch (error) {
    return reportError(error, command?.name ?? null, wantsJson(args), cli);
  }
}

function printHelp(name: string | undefined, io: CliIo): ExitCode {
  if (name === undefined) {
    io.stdout.write(topLevelHelp());
    return ExitCode.OK;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) return reportError(new UsageError(`unknown command ${JSON.stringify(name)}`), null, false, io);
  io.stdout.write(command.help(io));
  return ExitCode.OK;
}

// Every AuditgateError is expected and gets one line: usage and input errors, failed checks, and
// the typed errors of the packages the commands use, such as a corrupt store file. Those others
// carry their code in the line. Anything else is a bug in the command, so it gets its stack
// for the bug report.
function reportError(error: unknown, command: string | null, json: boolean, io: CliIo): ExitCode {
  const expected = error instanceof AuditgateError;
  const raw = error instanceof Error ? error.message : String(error);
  if (json) {
    const code = expected ? error.code : 'INTERNAL_ERROR';
    io.stdout.write(`${printableJson({ error: { code, message: raw } })}\n`);
  }

  // Messages may quote a trail, a file name or a value from the input.
  const message = escapeControls(raw);
  const prefix = command === null ? 'auditgate' : `auditgate ${command}`;
  if (error instanceof UsageError) {
    const helpCommand = error.command ?? command;
    const hint = helpCommand === null ? "Run 'auditgate --help' for usage." : `Run 'auditgate ${helpCommand} --help' for usage.`;
    io.stderr.write(`${prefix}: ${message}\n${hint}\n`);
  } else if (error instanceof InputError || error instanceof CheckFailedError) {
    io.stderr.write(`${prefix}: ${message}\n`);
  } else if (expected) {
    io.stderr.write(`${prefix}: ${error.code}: ${escapeControls(raw.replace(/\s*\n\s*/g, ' '))}\n`);
  } else {
    const stack = error instanceof Error && error.stack !== undefined ? error.stack : message;
    io.stderr.write(`${prefix}: unexpected error, please report it: ${stack}\n`);
  }
  return error instanceof CheckFailedError ? ExitCode.INVALID : ExitCode.ERROR;
}

function withDefaults(io: Partial<CliIo>): CliIo {
  return {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    stdin: io.stdin ?? process.stdin,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    stores: io.stores ?? defaultStoreRegistry(),
  };
}
