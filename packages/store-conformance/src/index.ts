/**
 * @auditgate/store-conformance: the vitest suite that every @auditgate/core store runs against
 * itself, with fixtures and a fault-injecting store wrapper.
 *
 * @module
 */
export { describeStoreConformance } from './suite.js';
export type { StoreUnderTest, StoreFactory, ConformanceOptions } from './context.js';
export { FaultyStore, InjectedStoreError, type StoreMethod, type FaultTiming } from './faulty-store.js';
export { ForwardingStore } from './forwarding-store.js';
export { buildRecords, buildEntry, tailOf, entriesOf, type BuildOptions, type EntryFields } from './records.js';
export { findChainBreaks } from './chain.js';
export { comparable, type LosslessMark } from './comparable.js';
export { AWKWARD_TRAIL, awkwardDetail } from './sections/round-trip.js';
