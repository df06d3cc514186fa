import {
  checkFilter,
  compareEntries,
  matchesFilter,
  ValidationError,
  type AppendRecord,
  type AuditEntry,
  type CheckedFilter,
  type QueryFilter,
  type Store,
  type TrailAnchor,
  type TrailTail,
} from '@auditgate/core';
import { TrailLog } from './trail-log.js';

/**
 * Keeps trails in this process's memory; they are gone when it exits. Each trail is an array in
 * sequence order, so a query for one trail binary-searches its start by time and stops at its
 * limit instead of scanning or sorting the trail.
 *
 * @example
 * const engine = new Engine({ store: new MemoryStore() });
 */
export class MemoryStore implements Store {
  readonly #logs = new Map<string, TrailLog>();
  #closed = false;

  async tail(trail: string): Promise<TrailTail | null> {
    return this.tailSync(trail);
  }

  async append(trail: string, records: readonly AppendRecord[]): Promise<void> {
    this.appendSync(trail, records);
  }

  tailSync(trail: string): TrailTail | null {
    this.#checkOpen();
    return this.#logs.get(trail)?.tail ?? null;
  }

  appendSync(trail: string, records: readonly AppendRecord[]): void {
    this.#checkOpen();
    const known = this.#logs.get(trail);
    const log = known ?? new TrailLog(trail);
    log.append(records);

    // A trail exists once it has a tail, so a rejected or empty first batch leaves none behind.
    if (known === undefined && log.tail !== null) this.#logs.set(trail, log);
  }

  async query(filter: QueryFilter = {}): Promise<AuditEntry[]> {
    this.#checkOpen();
    const checked = checkFilter(filter);
    const offset = checked.offset ?? 0;
    const limit = checked.limit ?? Infinity;
    if (checked.trail !== undefined) return this.#queryTrail(checked, offset, limit);

    const matches: AuditEntry[] = [];
    for (const log of this.#logs.values()) {
      for (const entry of log.entries) if (matchesFilter(entry, checked)) matches.push(entry);
    }
    return matches.sort(compareEntries).slice(offset, offset + limit);
  }

  async count(filter: QueryFilter = {}): Promise<number> {
    this.#checkOpen();
    const { offset: _offset, limit: _limit, ...rest } = checkFilter(filter);
    if (rest.trail !== undefined) return this.#queryTrail(rest, 0, Infinity).length;

    let total = 0;
    for (const log of this.#logs.values()) {
      for (const entry of log.entries) if (matchesFilter(entry, rest)) total++;
    }
    return total;
  }

  async prune(trail: string, before: number): Promise<number> {
    this.#checkOpen();
    if (!Number.isFinite(before)) throw new ValidationError('before', `expected seconds since the epoch, got ${before}`);
    return this.#logs.get(trail)?.prune(before) ?? 0;
  }

  async anchor(trail: string): Promise<TrailAnchor | null> {
    this.#checkOpen();
    return this.#logs.get(trail)?.anchor ?? null;
  }

  async clear(trail?: string): Promise<void> {
    this.#checkOpen();
    if (trail === undefined) this.#logs.clear();
    else this.#logs.delete(trail);
  }

  async trails(): Promise<string[]> {
    this.#checkOpen();
    return [...this.#logs.keys()];
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #queryTrail(filter: CheckedFilter, offset: number, limit: number): AuditEntry[] {
    const log = this.#logs.get(filter.trail!);
    if (log === undefined || limit === 0) return [];

    const entries = log.entries;
    const start = Math.max(
      filter.after === undefined ? 0 : log.firstAtOrAfter(filter.after),
      filter.fromSequence === undefined ? 0 : log.indexOfSequence(filter.fromSequence),
    );
    // Without per-entry conditions every entry in range matches, so offset is an index step.
    const positional = filter.verdict === undefined && filter.minSeverity === undefined && filter.gateType === undefined;
    const matches: AuditEntry[] = [];
    let skipped = 0;
    for (let i = positional ? start + offset : start; i < entries.length; i++) {
      const entry = entries[i]!;
      if (filter.before !== undefined && entry.ts >= filter.before) break;
      if (!positional) {
        if (!matchesFilter(entry, filter)) continue;
        if (skipped < offset) {
          skipped++;
          continue;
        }
      }
      matches.push(entry);
      if (matches.length >= limit) break;
    }
    return matches;
  }

  #checkOpen(): void {
    if (this.#closed) throw new ValidationError('store', 'the store is closed', 'STORE_CLOSED');
  }
}
