/**
 * @auditgate/store-file: the embedded, durable default store. Trails live on local disk as JSON
 * Lines files that `auditgate verify` and the Python verifier read directly.
 *
 * @module
 */
export { FileStore } from './file-store.js';
export type { FileStoreOptions } from './file-store-options.js';
export { openFileStore, parseFileUrl } from './open-url.js';
export { FileStoreLockedError, FileStoreCorruptError } from './errors.js';
export { encodeTrailStem, decodeTrailStem, ENTRIES_SUFFIX, META_SUFFIX, MAX_STEM_LENGTH } from './trail-file-name.js';
export { LOCK_FILE_NAME } from './directory-lock.js';
export type { Durability } from './files.js';
