import type { AppendRecord, AuditEntry, QueryFilter, Store, TrailAnchor, TrailTail } from '@auditgate/core';

/**
 * A store that passes every call to another store. Subclasses override the calls they change,
 * which is how tests build stores that misbehave in one way only.
 */
export class ForwardingStore implements Store {
  constructor(readonly inner: Store) {}

  tail(trail: string): Promise<TrailTail | null> {
    return this.inner.tail(trail);
  }

  append(trail: string, records: readonly AppendRecord[]): Promise<void> {
    return this.inner.append(trail, records);
  }

  query(filter?: QueryFilter): Promise<AuditEntry[]> {
    return this.inner.query(filter);
  }

  count(filter?: QueryFilter): Promise<number> {
    return this.inner.count(filter);
  }

  prune(trail: string, before: number): Promise<number> {
    return this.inner.prune(trail, before);
  }

  anchor(trail: string): Promise<TrailAnchor | null> {
    return this.inner.anchor(trail);
  }

  clear(trail?: string): Promise<void> {
    return this.inner.clear(trail);
  }

  trails(): Promise<string[]> {
    return this.inner.trails();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
