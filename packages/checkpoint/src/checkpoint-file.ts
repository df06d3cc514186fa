import { open, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';

import type { EntryLocation } from '@auditgate/core';

/** One checkpoint as read from a file or other source, before it is checked. */
export interface CheckpointInput {
  /** The parsed JSON value; undefined when the line is not JSON. */
  readonly checkpoint: unknown;
  readonly location?: EntryLocation;
  /** Why the line could not be parsed as JSON, when it could not. */
  readonly parseError?: string;
}

/**
 * Reads a checkpoints file (JSON Lines) one line at a time, skipping blank lines. A line that is
 * not JSON is yielded with `parseError`, so that a verifier reports it. A missing file yields
 * nothing when `missingOk` is true.
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

  const stream = handle.createReadStream({ encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() === '') {
        continue;
      }

      yield parseLine(text, { file: path, line });
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
