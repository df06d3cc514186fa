import type { AppendRecord } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';

/** A memory store whose next `failures` appends throw, as a full disk or lost connection would. */
export class FlakyStore extends MemoryStore {
  failures = 0;
  appendCalls = 0;

  override async append(trail: string, records: readonly AppendRecord[]): Promise<void> {
    this.appendCalls++;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('simulated store outage');
    }
    return super.append(trail, records);
  }
}
