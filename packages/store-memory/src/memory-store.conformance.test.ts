import { MemoryStore } from '@auditgate/store-memory';
import { describeStoreConformance } from '@auditgate/store-conformance';

describeStoreConformance('MemoryStore', () => ({ store: new MemoryStore() }));
