import { Trail, ValidationError } from '@auditgate/core';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { removeFile } from './files.js';
import type { TrailPaths } from './trail-loader.js';
import { decodeTrailStem, encodeTrailStem, ENTRIES_SUFFIX, META_SUFFIX } from './trail-file-name.js';

// Encoding a trail name is cheap, but hot paths ask for the same few trails again and again.
const MAX_CACHED_PATHS = 10_000;

/** The files of a store directory: where each trail's files are, and which trails have one. */
export class StoreDirectory {
  readonly #paths = new Map<string, TrailPaths>();

  constructor(readonly path: string) {}

  /**
   * Returns the entries and meta file of a trail.
   *
   * @throws {ValidationError} when `trail` is not of the form `namespace:source@principal`, or
   *   cannot be a file name (see `encodeTrailStem`).
   */
  paths(trail: string): TrailPaths {
    let paths = this.#paths.get(trail);
    if (paths === undefined) {
      Trail.parse(trail);
      const stem = encodeTrailStem(trail);
      paths = { entries: join(this.path, stem + ENTRIES_SUFFIX), meta: join(this.path, stem + META_SUFFIX) };
      if (this.#paths.size >= MAX_CACHED_PATHS) this.#paths.clear();
      this.#paths.set(trail, paths);
    }
    return paths;
  }

  /**
   * Creates the directory for a writer; checks that it exists for a reader.
   *
   * @throws {ValidationError} when a reader's directory does not exist or is not a directory.
   */
  async prepare(readOnly: boolean): Promise<void> {
    if (!readOnly) {
      await mkdir(this.path, { recursive: true });
      return;
    }
    const found = await stat(this.path).catch(() => null);
    if (found === null || !found.isDirectory()) {
      throw new ValidationError('directory', `${this.path} is not a directory; a read-only store needs an existing one`, 'STORE_NOT_FOUND');
    }
  }

  /**
   * Returns the trails that have an entries file, in no particular order. Files whose names
   * this store would not write, such as `notes.jsonl`, are left out.
   */
  async trails(): Promise<string[]> {
    const trails: string[] = [];
    for (const name of await readdir(this.path)) {
      if (!name.endsWith(ENTRIES_SUFFIX)) continue;
      const trail = decodeTrailStem(name.slice(0, -ENTRIES_SUFFIX.length));
      if (trail !== null && isTrail(trail)) trails.push(trail);
    }
    return trails;
  }

  /** Deletes meta files whose trail has no entries file, such as those of an interrupted clear. */
  async removeOrphanMeta(): Promise<void> {
    const names = new Set(await readdir(this.path));
    for (const name of names) {
      if (!name.endsWith(META_SUFFIX)) continue;
      const stem = name.slice(0, -META_SUFFIX.length);
      if (decodeTrailStem(stem) !== null && !names.has(stem + ENTRIES_SUFFIX)) await removeFile(join(this.path, name));
    }
  }
}

function isTrail(text: string): boolean {
  try {
    Trail.parse(text);
    return true;
  } catch {
    return false;
  }
}
