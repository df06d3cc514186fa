import type { AppendRecord, AuditEntry, QueryFilter, Store, TrailAnchor, TrailTail } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';

/**
 * A memory store whose query results an attacker can change after the entries were written:
 * `edits` replaces an entry, `hideFrom` drops a trail's entries from a sequence on. It also logs
 * every query, so tests can see where a checkpointer started reading.
 */
export class TamperableStore implements Store {
  readonly inner = new MemoryStore();
  readonly edits = new Map<string, (entry: AuditEntry) => AuditEntry>();
  readonly hideFrom = new Map<string, number>();
  readonly queries: QueryFilter[] = [];

  editEntry(trail: string, sequence: number, change: Partial<AuditEntry>): void {
    this.edits.set(`${trail}#${sequence}`, (entry) => ({ ...entry, ...change }));
  }

  tail(trail: string): Promise<TrailTail | null> {
    return this.inner.tail(trail);
  }

  tailSync(trail: string): TrailTail | null {
    return this.inner.tailSync(trail);
  }

  append(trail: string, records: readonly AppendRecord[]): Promise<void> {
    return this.inner.append(trail, records);
  }

  appendSync(trail: string, records: readonly AppendRecord[]): void {
    this.inner.appendSync(trail, records);
  }

  async query(filter: QueryFilter = {}): Promise<AuditEntry[]> {
    this.queries.push(filter);
    const entries = await this.inner.query(filter);
    return entries
      .filter((entry) => entry.sequence < (this.hideFrom.get(entry.trail) ?? Infinity))
      .map((entry) => this.edits.get(`${entry.trail}#${entry.sequence}`)?.(entry) ?? entry);
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
