import type { Readable } from 'node:stream';
import type { StoreRegistry } from './stores/registry.js';

/** A destination for text: a stream such as process.stdout, or a buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
  /** True for a terminal, which gets colour and progress. */
  readonly isTTY?: boolean;
}

/**
 * Everything a command touches outside its arguments, so tests can run commands in-process
 * with captured output.
 */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly stdin: Readable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory that relative paths resolve against. */
  readonly cwd: string;
  /** The store openers that `--store URL` resolves through. */
  readonly stores: StoreRegistry;
}
