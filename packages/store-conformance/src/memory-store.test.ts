import { MemoryStore } from '@auditgate/store-memory';
import { describeStoreConformance } from './suite.js';

describeStoreConformance('MemoryStore', () => ({ store: new MemoryStore() }));
