import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Returns a string that is equal for two paths exactly when they name the same file. For an
 * existing file it is the device and inode, so that symbolic and hard links compare equal. For
 * a file not created yet it is the path with its directory's links resolved.
 */
export async function fileIdentity(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    const stats = await stat(absolute);
    return `inode ${stats.dev}:${stats.ino}`;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') return `path ${absolute}`;
  }

  try {
    return `path ${join(await realpath(dirname(absolute)), basename(absolute))}`;
  } catch {
    return `path ${absolute}`;
  }
}
