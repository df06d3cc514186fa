import { randomUUID } from 'node:crypto';
import { link, open, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Creates `target` holding `data` with permission bits `mode`, or rejects with the `EEXIST`
 * error of `link` when `target` exists. The data goes first to a temporary file in the same
 * directory, created with `mode` from its first moment, and is linked to `target` only once it
 * is complete and synced. So `target` never exists with partial content or wider permissions.
 */
export async function writeNewFile(target: string, data: string, mode: number): Promise<void> {
  const directory = path.dirname(target);
  const temporary = path.join(directory, `.${path.basename(target)}.${randomUUID()}.tmp`);

  const handle = await open(temporary, 'wx', mode);
  try {
    // The umask may have cleared bits of `mode`; set exactly `mode`, which never widens a 0600 file.
    await handle.chmod(mode);
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }

  try {
    await link(temporary, target);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  await syncDirectory(directory);
}

/** Flushes a directory's entries, so that a new file in it survives a crash. */
export async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) and file systems cannot open or sync a directory. The file's own
    // data is synced already, so this only narrows the window in which a crash loses its name.
  } finally {
    await handle?.close();
  }
}
