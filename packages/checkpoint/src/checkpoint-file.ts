import { open, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';

import type { EntryLocation } from '@auditgate/core';

/** One checkpoint as read from a file or other source, before it is checked. */
export interface CheckpointInput {
  /** The parsed JSON value; undefined when the line is not JSON. */
  readonly checkpoint: unknown;
  readonly location?: EntryLocation;
  /** The reason the line could not be parsed as JSON, when it could not. */
  readonly parseError?: string;
}

/**
 * Reads a checkpoints file (JSON Lines) one line at a time, skipping blank lines. A line that is
 * not JSON is yielded with `parseError`, so that a verifier reports it. When that line is the
 * last one and the file does not end with a line break, `parseError` states that the line was cut
 * short, as a crash during a write leaves it. A missing file yields nothing when `missingOk` is
 * true.
 *
 * @throws the `fs` error when the file cannot be read (ENOENT unless `missingOk`).
 */
export async function* readCheckpointFile(path: string, options: { missingOk?: boolean } = {}): AsyncGenerator<CheckpointInput> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (options.missingOk === true && (error as { code?: unknown }).code === 'ENOENT') {
      return;
    }
    throw error;
  }

  const stream = handle.createReadStream({ encoding: 'utf8', autoClose: false });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  // Each input waits for the next line, so that the last one is known when it is yielded.
  let pending: CheckpointInput | null = null;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() === '') {
        continue;
      }

      if (pending !== null) {
        yield pending;
      }
      pending = parseLine(text, { file: path, line });
    }

    if (pending !== null) {
      yield pending.parseError !== undefined && !(await endsWithLineBreak(handle)) ? tornLine(pending) : pending;
    }
  } finally {
    lines.close();
    stream.destroy();
    await handle.close().catch(() => undefined);
  }
}

function parseLine(text: string, location: EntryLocation): CheckpointInput {
  try {
    return { checkpoint: JSON.parse(text) as unknown, location };
  } catch (error) {
    return { checkpoint: undefined, location, parseError: (error as Error).message };
  }
}

async function endsWithLineBreak(handle: FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) {
    return true;
  }

  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === 0x0a;
}

function tornLine(input: CheckpointInput): CheckpointInput {
  return {
    ...input,
    parseError:
      `${input.parseError}. The line is the last one and has no line break, as a crash while a checkpoint was written leaves it, ` +
      'so that checkpoint was never stored whole. Delete the partial line; a FileCheckpointSink that writes next ends it first, ' +
      'which leaves it as a malformed line in the middle of the file',
  };
}
