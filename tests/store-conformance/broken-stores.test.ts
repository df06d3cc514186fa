import { randomUUID } from 'node:crypto';
import {
  LosslessNumber,
  StoreConflictError,
  type AppendRecord,
  type AuditEntry,
  type JsonValue,
  type QueryFilter,
  type Store,
  type TrailAnchor,
  type TrailTail,
} from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import { describeStoreConformance, ForwardingStore } from '@auditgate/store-conformance';

class IgnoresRecordIds extends ForwardingStore {
  override append(trail: string, records: readonly AppendRecord[]): Promise<void> {
    return this.inner.append(trail, records.map((record) => ({ id: randomUUID(), entry: record.entry })));
  }
}

class ForgetsAnchor extends ForwardingStore {
  override async anchor(): Promise<TrailAnchor | null> {
    return null;
  }
}

class FlattensNumbers extends ForwardingStore {
  override async query(filter?: QueryFilter): Promise<AuditEntry[]> {
    const flatten = (value: JsonValue): JsonValue => {
      if (value instanceof LosslessNumber) return value.valueOf();
      if (Array.isArray(value)) return value.map(flatten);
      if (typeof value !== 'object' || value === null) return value;
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, flatten(item)]));
    };
    return (await this.inner.query(filter)).map((entry) => ({ ...entry, detail: flatten(entry.detail) as AuditEntry['detail'] }));
  }
}

class HidesConflicts extends ForwardingStore {
  override async append(trail: string, records: readonly AppendRecord[]): Promise<void> {
    try {
      await this.inner.append(trail, records);
    } catch (error) {
      if (error instanceof StoreConflictError) throw new Error(error.message);
      throw error;
    }
  }
}

// Each broken store must fail exactly the tests listed for it, which shows that the suite notices
// the bug.

const BROKEN_STORES: Array<[string, () => Store, string[]]> = [
  [
    'IgnoresRecordIds',
    () => new IgnoresRecordIds(new MemoryStore()),
    ['append > re-append of stored ids writes nothing', 'append > partly stored batch appends only new records'],
  ],
  [
    'ForgetsAnchor',
    () => new ForgetsAnchor(new MemoryStore()),
    [
      'prune > records the last pruned entry as anchor',
      'prune > prune that removes nothing keeps the anchor',
      'prune > later prunes move the anchor forward',
      'prune > keeps the tail; appends continue the chain',
    ],
  ],
  [
    'FlattensNumbers',
    () => new FlattensNumbers(new MemoryStore()),
    [
      'round trip > entries come back deep-equal',
      'round trip > LosslessNumbers keep kind and text',
      'round trip > stored entries hash unchanged',
    ],
  ],
  [
    'HidesConflicts',
    () => new HidesConflicts(new MemoryStore()),
    [
      'append > new trail rejects a first sequence above 0',
      'append > wrong sequence conflicts',
      'append > wrong prev_hash conflicts',
      'append > entry of another trail conflicts',
      'append > ts regression conflicts',
      'append > ts regression inside a batch conflicts',
      'append > rejected batch changes nothing',
      'append > rejected first batch leaves no trail',
      'append > racing appends on one tail: one wins',
      'engine concurrency > two engines on one trail: no gaps or forks',
      'engine concurrency > two engines, sequential turns, one chain',
    ],
  ],
];

for (const [name, create, failures] of BROKEN_STORES) {
  describeStoreConformance(name, () => ({ store: create() }), { knownFailures: failures });
}
