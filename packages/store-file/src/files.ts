import { open, readFile, rename, truncate, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TEMP_SUFFIX } from './trail-file-name.js';

/**
 * When writes reach the disk. `fsync`: every append, prune and clear waits for fsync (fdatasync
 * for appends) before it resolves, so an acknowledged entry survives a power loss. `none`: the
 * data stays in the OS page cache until the OS writes it back. An entry then survives a crash
 * of this process, but may be lost when the machine itself goes down.
 */
export type Durability = 'fsync' | 'none';

/** A file read as lines, with the byte offset where each complete line starts. */
export interface LineFile {
  readonly lines: string[];
  readonly offsets: number[];
  /** Bytes up to and including the last newline. */
  readonly completeBytes: number;
  /**
   * Bytes after the last newline: a line whose write was cut off, or a complete line that lost
   * only its newline. The loader decides which of the two it is.
   */
  readonly tornBytes: number;
  /** The text after the last newline, decoded as UTF-8; empty when the file ends with a newline. */
  readonly unterminated: string;
}

/** Reads a file as newline-terminated UTF-8 lines; returns null when the file does not exist. */
export async function readLineFile(path: string): Promise<LineFile | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }

  const lines: string[] = [];
  const offsets: number[] = [];
  let start = 0;
  for (let end = bytes.indexOf(0x0a); end >= 0; end = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.toString('utf8', start, end));
    offsets.push(start);
    start = end + 1;
  }
  return { lines, offsets, completeBytes: start, tornBytes: bytes.length - start, unterminated: bytes.toString('utf8', start) };
}

/** Reads `length` bytes of a file from `position`. */
export async function readRange(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
      if (bytesRead === 0) throw new Error(`${path} ended after ${position + done} bytes, expected ${position + length}`);
      done += bytesRead;
    }
    return buffer;
  } finally {
    await handle.close();
  }
}

/**
 * Appends `data` to a file, creating it, in one write call as far as the OS allows. On failure
 * it cuts the file back to `sizeBefore`, so that no part of `data` stays behind, then rethrows.
 */
export async function appendToFile(path: string, data: Buffer, sizeBefore: number, durability: Durability): Promise<void> {
  const handle = await open(path, 'a');
  try {
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await handle.write(data, written, data.length - written);
      written += bytesWritten;
    }
    if (durability === 'fsync') await handle.datasync();
  } catch (error) {
    await handle.truncate(sizeBefore).catch(() => undefined);
    throw error;
  } finally {
    await handle.close();
  }
}

/**
 * Replaces a file's content atomically: readers see the old content or the new one, never a
 * mix, also after a crash. Writes a temporary file beside it, then renames it over the file.
 */
export async function replaceFile(path: string, data: Buffer, durability: Durability): Promise<void> {
  const temp = `${path}${TEMP_SUFFIX}`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data);
    if (durability === 'fsync') await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();

  await rename(temp, path);
  if (durability === 'fsync') await syncDirectory(dirname(path));
}

/** Cuts a file to `size` bytes, for dropping a torn last line. */
export async function truncateFile(path: string, size: number, durability: Durability): Promise<void> {
  await truncate(path, size);
  if (durability === 'fsync') {
    const handle = await open(path, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

/** Deletes a file; a file that is already gone counts as deleted. */
export async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Makes created, renamed and deleted names in a directory durable. */
export async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
