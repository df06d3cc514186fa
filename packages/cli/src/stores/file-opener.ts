import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openFileStore } from '@auditgate/store-file';
import type { StoreOpener } from './registry.js';

/**
 * Opens `file:` URLs with @auditgate/store-file, read-only, so the command takes no writer lock
 * and a running service can keep writing. `file:relative/dir` resolves against the command's
 * working directory; `file:///abs/dir` is absolute.
 */
export const openFileUrl: StoreOpener = (_url, spec, context) => openFileStore(absoluteFileUrl(spec, context.cwd), { readOnly: true });

/** Rewrites `file:relative/dir` as a `file://` URL against `cwd`, keeping query parameters. */
export function absoluteFileUrl(spec: string, cwd: string): string {
  if (spec.startsWith('file://')) return spec;
  const queryAt = spec.indexOf('?');
  const path = queryAt < 0 ? spec.slice('file:'.length) : spec.slice('file:'.length, queryAt);
  const query = queryAt < 0 ? '' : spec.slice(queryAt);
  return `${pathToFileURL(resolve(cwd, decodeURIComponent(path))).href}${query}`;
}
