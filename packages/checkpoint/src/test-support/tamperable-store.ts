import type { AppendRecord, AuditEntry, QueryFilter, TrailTail } from '@auditgate/core';
import { ForwardingStore } from '@auditgate/store-conformance';
import { MemoryStore } from '@auditgate/store-memory';

/**
 * A memory store whose query results an attacker can change after the entries were written:
 * `edits` replaces an entry, `hideFrom` drops a trail's entries from a sequence on. It also logs
 * every query, so tests can see where a checkpointer started reading.
 */
export class TamperableStore extends ForwardingStore {
  override readonly inner: MemoryStore;
  readonly edits = new Map<string, (entry: AuditEntry) => AuditEntry>();
  readonly hideFrom = new Map<string, number>();
  readonly queries: QueryFilter[] = [];

  constructor() {
    const inner = new MemoryStore();
    super(inner);
    this.inner = inner;
  }

  editEntry(trail: string, sequence: number, change: Partial<AuditEntry>): void {
    this.edits.set(`${trail}#${sequence}`, (entry) => ({ ...entry, ...change }));
  }

  tailSync(trail: string): TrailTail | null {
    return this.inner.tailSync(trail);
  }

  appendSync(trail: string, records: readonly AppendRecord[]): void {
    this.inner.appendSync(trail, records);
  }

  override async query(filter: QueryFilter = {}): Promise<AuditEntry[]> {
    this.queries.push(filter);
    const entries = await this.inner.query(filter);
    return entries
      .filter((entry) => entry.sequence < (this.hideFrom.get(entry.trail) ?? Infinity))
      .map((entry) => this.edits.get(`${entry.trail}#${entry.sequence}`)?.(entry) ?? entry);
  }
}
