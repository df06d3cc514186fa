/**
 * @auditgate/store-memory: an in-process store for tests, demos and short-lived agents.
 *
 * @module
 */
export { MemoryStore } from './memory-store.js';
