import { stat } from 'node:fs/promises';
import { fileIdentity } from './file-identity.js';

/** Paths of a demo run that a file written by the run must not overwrite or share. */
export interface OutputPaths {
  readonly key?: string;
  readonly checkpoints?: string;
  readonly out?: string;
  /** True when the run writes a store that did not exist before, such as a new temporary directory. */
  readonly newStore: boolean;
}

/**
 * Returns why the output paths cannot be used, or null when they can. The checkpoints file is
 * appended to, so it must not be the private key, the public key beside it, or the `--out`
 * export, also not through a link. The `--out` file is replaced, so it must not be a key file.
 * With a new store the checkpoints file must also be empty or missing, because checkpoints
 * signed for another store would describe entries this store does not contain.
 */
export async function checkOutputPaths(paths: OutputPaths): Promise<string | null> {
  if (paths.out !== undefined && paths.key !== undefined) {
    const out = await fileIdentity(paths.out);
    for (const key of [paths.key, `${paths.key}.pub`]) {
      if ((await fileIdentity(key)) === out) return `--out ${paths.out} is the same file as the key file ${key}; the export would replace it`;
    }
  }
  if (paths.checkpoints === undefined) return null;

  const checkpoints = await fileIdentity(paths.checkpoints);
  const others: Array<[string, string | undefined]> = [
    ['--key', paths.key],
    ['the public key beside --key', paths.key === undefined ? undefined : `${paths.key}.pub`],
    ['--out', paths.out],
  ];
  for (const [name, path] of others) {
    if (path !== undefined && (await fileIdentity(path)) === checkpoints) {
      return `--checkpoints ${paths.checkpoints} is the same file as ${name} (${path}); the demo appends checkpoints to it, so give a file of its own`;
    }
  }

  if (paths.newStore && (await sizeOf(paths.checkpoints)) > 0) {
    return (
      `--checkpoints ${paths.checkpoints} already holds checkpoints, but this run writes a new store, which holds none of the entries they cover. ` +
      'Give a new --checkpoints file, or --store the store they were signed for'
    );
  }
  return null;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return 0;
    throw error;
  }
}
