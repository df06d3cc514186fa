import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The read-only folder of shared vectors and data that sits beside the repository. Set
 * AUDITGATE_SHARED to read it from elsewhere.
 */
export function sharedDir(): string {
  const fromEnv = process.env.AUDITGATE_SHARED;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;

  const here = dirname(fileURLToPath(import.meta.url));
  const candidate = resolve(here, '../../../../shared');
  if (!existsSync(candidate)) {
    throw new Error(`shared folder not found at ${candidate}; set AUDITGATE_SHARED to its path`);
  }
  return candidate;
}
