import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { encodeTrailStem, ENTRIES_SUFFIX, META_SUFFIX } from './trail-file-name.js';

/** Gives each test of the calling file a fresh temporary directory, removed afterwards. */
export function useTempDirectory(): () => string {
  let directory = '';
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'auditgate-file-store-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });
  return () => directory;
}

/** Returns the path of a trail's entries file. */
export function entriesPath(directory: string, trail: string): string {
  return join(directory, encodeTrailStem(trail) + ENTRIES_SUFFIX);
}

/** Returns the path of a trail's meta file. */
export function metaPath(directory: string, trail: string): string {
  return join(directory, encodeTrailStem(trail) + META_SUFFIX);
}

/** Reads a file as text; returns null when it does not exist. */
export async function readText(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch(() => null);
}
