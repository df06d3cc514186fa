import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import type { CliIo } from '../io.js';

/** An input to read entries from: a file, or stdin for `-`. */
export interface Input {
  /** The name messages use: the path as given, or `stdin`. */
  readonly name: string;
  readonly stream: Readable;
  /** Size in bytes for a regular file, for progress; null for stdin or a pipe. */
  readonly size: number | null;
  /** Bytes read so far. */
  bytesRead(): number;
  close(): Promise<void>;
}

/**
 * Opens a file, or stdin for `-`.
 *
 * @param kind what the file should be, for the message about a directory.
 * @throws {InputError} when the file does not exist, is a directory, or cannot be read.
 */
export async function openInput(path: string, io: Pick<CliIo, 'stdin' | 'cwd'>, kind = 'log file'): Promise<Input> {
  if (path === '-') {
    return { name: 'stdin', stream: io.stdin, size: null, bytesRead: () => 0, close: async () => undefined };
  }

  let handle;
  try {
    handle = await open(resolve(io.cwd, path), 'r');
  } catch (error) {
    throw new InputError(`${path}: ${describeOpenError(error, kind)}`, { cause: error });
  }

  const stats = await handle.stat();
  if (stats.isDirectory()) {
    await handle.close();
    throw new InputError(`${path}: is a directory; pass the ${kind} inside it`);
  }

  const stream = handle.createReadStream({ autoClose: true });
  return {
    name: path,
    stream,
    size: stats.isFile() ? stats.size : null,
    bytesRead: () => stream.bytesRead,
    close: async () => {
      stream.destroy();
    },
  };
}

/** Describes an error of opening or reading a file in a few words, for messages that name the file. */
export function describeOpenError(error: unknown, kind = 'log file'): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return `is a directory; pass the ${kind} inside it`;
  return `cannot open: ${(error as Error).message}`;
}
