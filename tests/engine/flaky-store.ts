import type { AppendRecord, Store } from '@auditgate/core';
import { ForwardingStore } from '@auditgate/store-conformance';
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
export class AsyncOnlyStore extends ForwardingStore {
  appendCalls = 0;

  override async append(trail: string, records: readonly AppendRecord[]): Promise<void> {
    this.appendCalls++;
    await new Promise((resolve) => setImmediate(resolve));
    return this.inner.append(trail, records);
  }
}

export function asyncOnly(inner: Store = new MemoryStore()): AsyncOnlyStore {
  return new AsyncOnlyStore(inner);
}
