import { ValidationError } from '@auditgate/core';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileStore } from './file-store.js';
import type { FileStoreOptions } from './file-store-options.js';

/**
 * Opens a {@link FileStore} from a URL, as the CLI's `--store` option gives it:
 * `file:///abs/dir` for an absolute directory, or `file:relative/dir` for one relative to the
 * working directory. Query parameters set options: `durability=fsync|none`, `readOnly=true|false`
 * and `recentIds=N`; `options` overrides them.
 *
 * @throws {ValidationError} on a URL that is not a local file URL, or an unknown or bad parameter.
 * @throws {FileStoreLockedError} when another FileStore holds the directory's lock.
 */
export async function openFileStore(url: string, options: FileStoreOptions = {}): Promise<FileStore> {
  const { directory, params } = parseFileUrl(url);
  return FileStore.open(directory, { ...optionsFrom(params, url), ...options });
}

/**
 * Splits a file store URL into its directory and query parameters.
 *
 * @throws {ValidationError} on a URL that is not a local file URL.
 */
export function parseFileUrl(url: string): { directory: string; params: URLSearchParams } {
  if (typeof url !== 'string' || !url.startsWith('file:')) {
    throw new ValidationError('url', `expected file:///absolute/dir or file:relative/dir, got ${JSON.stringify(url)}`);
  }
  const queryAt = url.indexOf('?');
  const location = queryAt < 0 ? url : url.slice(0, queryAt);
  const params = new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1));

  // "file://" starts an absolute URL with a host part. Anything else after "file:" is a path
  // relative to the working directory, which the URL standard itself cannot express.
  if (location.startsWith('file://')) {
    try {
      return { directory: fileURLToPath(location), params };
    } catch (error) {
      throw new ValidationError('url', `${JSON.stringify(url)} is not a local file URL: ${(error as Error).message}`);
    }
  }
  const relative = decodePath(location.slice('file:'.length), url);
  if (relative === '') throw new ValidationError('url', `${JSON.stringify(url)} names no directory`);
  return { directory: resolve(relative), params };
}

function decodePath(text: string, url: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ValidationError('url', `${JSON.stringify(url)} has an invalid percent-escape`);
  }
}

function optionsFrom(params: URLSearchParams, url: string): FileStoreOptions {
  const options: { durability?: FileStoreOptions['durability']; readOnly?: boolean; recentIds?: number } = {};
  for (const [key, value] of params) {
    const bad = (expected: string): never => {
      throw new ValidationError(`url.${key}`, `expected ${expected}, got ${JSON.stringify(value)} in ${JSON.stringify(url)}`);
    };
    if (key === 'durability') {
      options.durability = value === 'fsync' || value === 'none' ? value : bad('"fsync" or "none"');
    } else if (key === 'readOnly') {
      if (value !== 'true' && value !== 'false') bad('"true" or "false"');
      options.readOnly = value === 'true';
    } else if (key === 'recentIds') {
      options.recentIds = /^[1-9][0-9]*$/.test(value) ? Number(value) : bad('a whole number >= 1');
    } else {
      throw new ValidationError(`url.${key}`, `unknown parameter in ${JSON.stringify(url)}; expected durability, readOnly or recentIds`);
    }
  }
  return options;
}
