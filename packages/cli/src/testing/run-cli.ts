// Helpers for the CLI's tests; not part of the package's API.
import { Readable } from 'node:stream';
import type { ExitCode } from '../errors.js';
import type { CliIo, TextSink } from '../io.js';
import { main } from '../main.js';
import { defaultStoreRegistry, type StoreRegistry } from '../stores/registry.js';

/** A text sink that keeps what is written. */
export class CapturedText implements TextSink {
  text = '';

  constructor(readonly isTTY = false) {}

  write(text: string): boolean {
    this.text += text;
    return true;
  }
}

export interface RunOptions {
  readonly stdin?: string;
  readonly cwd?: string;
  readonly env?: Record<string, string | undefined>;
  readonly stores?: StoreRegistry;
  readonly tty?: boolean;
}

export interface RunResult {
  readonly status: ExitCode;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `auditgate ...argv` in this process with captured stdout and stderr. */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const stdout = new CapturedText(options.tty ?? false);
  const stderr = new CapturedText(options.tty ?? false);
  const io: CliIo = {
    stdout,
    stderr,
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stores: options.stores ?? defaultStoreRegistry(),
  };
  const status = await main(argv, io);
  return { status, stdout: stdout.text, stderr: stderr.text };
}
