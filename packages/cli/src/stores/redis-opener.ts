import { openRedisStore } from '@auditgate/store-redis';
import type { StoreOpener } from './registry.js';

/** Opens `redis://` and `rediss://` URLs; fails fast when the server does not reply to PING. */
export const openRedisUrl: StoreOpener = (_url, spec) => openRedisStore(spec);
