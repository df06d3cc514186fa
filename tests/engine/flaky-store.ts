import type { AppendRecord, QueryFilter, Store } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';

/** A memory store whose next `failures` appends throw, as a full disk or lost connection would. */
export class FlakyStore extends MemoryStore {
  failures = 0;
  appendCalls = 0;

  override appendSync(trail: string, records: readonly AppendRecord[]): void {
    this.appendCalls++;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('simulated store outage');
    }
    super.appendSync(trail, records);
  }
}

/** Exposes only the asynchronous Store methods of a memory store, as a networked store would, and counts appends. */
export function asyncOnly(inner = new MemoryStore()): Store & { appendCalls: number } {
  const store = {
    appendCalls: 0,
    tail: (trail: string) => inner.tail(trail),
    append: async (trail: string, records: readonly AppendRecord[]) => {
      store.appendCalls++;
      await new Promise((resolve) => setImmediate(resolve));
      return inner.append(trail, records);
    },
    query: (filter?: QueryFilter) => inner.query(filter),
    count: (filter?: QueryFilter) => inner.count(filter),
    prune: (trail: string, before: number) => inner.prune(trail, before),
    anchor: (trail: string) => inner.anchor(trail),
    clear: (trail?: string) => inner.clear(trail),
    trails: () => inner.trails(),
    close: () => inner.close(),
  };
  return store;
}
