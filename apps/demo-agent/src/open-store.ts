import type { Store } from '@auditgate/core';
import { openFileStore } from '@auditgate/store-file';
import { openRedisStore } from '@auditgate/store-redis';

/** A --store URL the demo cannot open; the message lists the forms it accepts. */
export class StoreUrlError extends Error {
  readonly code = 'INVALID_STORE_URL';
}

/**
 * Opens a writable store from a URL: `file:DIR` (or `file:///abs/dir`) for the embedded file
 * store, `redis://` or `rediss://` for Redis.
 *
 * @throws {StoreUrlError} for any other scheme.
 */
export async function openWritableStore(url: string): Promise<Store> {
  if (url.startsWith('file:')) return openFileStore(url);
  if (url.startsWith('redis://') || url.startsWith('rediss://')) return openRedisStore(url);
  throw new StoreUrlError(`--store ${url}: expected file:DIR, file:///ABSOLUTE/DIR, redis://HOST:PORT or rediss://HOST:PORT`);
}
