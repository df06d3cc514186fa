import { open, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

import { syncDirectory } from '../atomic-file.js';
import { serializeCheckpoint, type Checkpoint } from '../checkpoint.js';
import { readCheckpointFile } from '../checkpoint-file.js';
import { SinkError } from '../errors.js';
import { parseCheckpoint } from '../parse-checkpoint.js';
import type { CheckpointSink } from './sink.js';

const NEWLINE = 0x0a;

/**
 * Appends checkpoints to a JSON Lines file, one canonical JSON object per line, and syncs the
 * file to disk before each write resolves. Writes from one sink never interleave. The file is
 * opened in append mode and never rewritten, so a line once synced stays as it was unless
 * someone with write access to the file changes it: put a witness copy where the trail's
 * writer has no write access.
 */
export class FileCheckpointSink implements CheckpointSink {
  readonly path: string;
  readonly name: string;
  #handle: FileHandle | null = null;
  #tail: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(filePath: string) {
    this.path = filePath;
    this.name = `file ${filePath}`;
  }

  /** @throws {SinkError} when the file cannot be opened, written or synced, or after `close`. */
  write(checkpoint: Checkpoint): Promise<void> {
    const line = `${serializeCheckpoint(checkpoint)}\n`;
    const written = this.#tail.then(() => this.#append(line));
    // The next write waits for this one whether or not it failed.
    this.#tail = written.catch(() => undefined);
    return written;
  }

  /** Yields the file's well-formed checkpoints in file order; a missing file yields none. */
  async *read(): AsyncGenerator<Checkpoint> {
    for await (const input of readCheckpointFile(this.path, { missingOk: true })) {
      if (input.parseError !== undefined) {
        continue;
      }
      try {
        yield parseCheckpoint(input.checkpoint);
      } catch {
        // A malformed line is a verifier's finding, not a reason to stop resuming from the rest.
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#tail;
    await this.#handle?.close();
    this.#handle = null;
  }

  async #append(line: string): Promise<void> {
    if (this.#closed) {
      throw new SinkError(`cannot write a checkpoint to ${this.name}: the sink is closed`);
    }

    try {
      const handle = await this.#open();
      await handle.write(line);
      await handle.sync();
    } catch (error) {
      throw new SinkError(`cannot append a checkpoint to ${this.name}: ${(error as Error).message}`, { cause: error });
    }
  }

  async #open(): Promise<FileHandle> {
    if (this.#handle !== null) {
      return this.#handle;
    }

    const existing = await stat(this.path).catch(() => null);
    const handle = await open(this.path, 'a+', 0o644);
    try {
      if (existing === null) {
        await syncDirectory(path.dirname(this.path));
      } else if (existing.size > 0 && !(await endsWithNewline(handle, existing.size))) {
        // A crash cut the last line short. Ending it here keeps the next checkpoint on a line of
        // its own, so readers skip only the torn line.
        await handle.write('\n');
      }
    } catch (error) {
      await handle.close();
      throw error;
    }

    this.#handle = handle;
    return handle;
  }
}

async function endsWithNewline(handle: FileHandle, size: number): Promise<boolean> {
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === NEWLINE;
}
