import { compareEntries, matchesFilter, type AuditEntry, type CheckedFilter } from '@auditgate/core';
import type { KeySpace } from './keys.js';
import { decodeMember } from './member.js';
import type { RedisClient, ScriptCaller } from './scripts.js';

/** Members read per round trip when entries must be filtered in this process. */
const PAGE_SIZE = 500;

/** The scripts a reader runs: RANGE_SCRIPT and PAGE_SCRIPT, bound to its client. */
export interface ReaderScripts {
  readonly range: ScriptCaller;
  readonly nextPage: ScriptCaller;
}

/**
 * Reads one trail's entries through its entries set, whose score is ts. Conditions on time and
 * first sequence become a range of ranks in Redis, so a query reads only the entries it returns
 * and a count reads none. Any other condition (verdict, minSeverity, gateType) is checked here
 * on pages of that range.
 *
 * Queries without a trail read every trail in the store's set of trails, all at once, because
 * Redis keeps no index across trails.
 */
export class TrailReader {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: KeySpace,
    private readonly scripts: ReaderScripts,
  ) {}

  /** Returns matching entries of every trail, ordered by ts, then trail, then sequence. */
  async queryAll(filter: CheckedFilter, offset: number, limit: number): Promise<AuditEntry[]> {
    const trails = await this.client.smembers(this.keys.trails);
    // Each trail returns its first offset + limit matches, enough for any page of the merge.
    const perTrail = await Promise.all(trails.map((trail) => this.query(trail, filter, 0, offset + limit)));
    return perTrail.flat().sort(compareEntries).slice(offset, offset + limit);
  }

  /** Counts matching entries of every trail. */
  async countAll(filter: CheckedFilter): Promise<number> {
    const trails = await this.client.smembers(this.keys.trails);
    const counts = await Promise.all(trails.map((trail) => this.count(trail, filter)));
    return counts.reduce((sum, count) => sum + count, 0);
  }

  /** Returns the trail's matching entries in sequence order, after skipping `offset` of them. */
  async query(trail: string, filter: CheckedFilter, offset: number, limit: number): Promise<AuditEntry[]> {
    if (limit === 0) return [];
    const key = this.keys.trail(trail).entries;

    if (!needsScan(filter)) {
      const members = (await this.scripts.range([key], rangeArgs(filter, offset, limit, 'range'))) as string[];
      return members.map(decodeMember);
    }

    const matches: AuditEntry[] = [];
    let skipped = 0;
    for await (const entry of this.#scan(key, filter)) {
      if (!matchesFilter(entry, filter)) continue;
      if (skipped < offset) {
        skipped++;
        continue;
      }
      matches.push(entry);
      if (matches.length >= limit) break;
    }
    return matches;
  }

  /** Counts the trail's matching entries. */
  async count(trail: string, filter: CheckedFilter): Promise<number> {
    const key = this.keys.trail(trail).entries;
    if (!needsScan(filter)) return Number(await this.scripts.range([key], rangeArgs(filter, 0, Infinity, 'count')));

    let total = 0;
    for await (const entry of this.#scan(key, filter)) {
      if (matchesFilter(entry, filter)) total++;
    }
    return total;
  }

  /** Yields the entries of the filter's range of ranks, one page per round trip. */
  async *#scan(key: string, filter: CheckedFilter): AsyncGenerator<AuditEntry> {
    let members = (await this.scripts.range([key], rangeArgs(filter, 0, PAGE_SIZE, 'range'))) as string[];

    for (;;) {
      for (const member of members) {
        const entry = decodeMember(member);
        // Later pages continue by position, not by score, so they can run past `before`.
        if (filter.before !== undefined && entry.ts >= filter.before) return;
        yield entry;
      }
      if (members.length < PAGE_SIZE) return;
      members = (await this.scripts.nextPage([key], [members[members.length - 1]!, PAGE_SIZE])) as string[];
    }
  }
}

/** Returns whether the filter has a condition that Redis cannot check on the entries set. */
function needsScan(filter: CheckedFilter): boolean {
  return filter.verdict !== undefined || filter.minSeverity !== undefined || filter.gateType !== undefined;
}

/** Builds the arguments of RANGE_SCRIPT for a filter. */
function rangeArgs(filter: CheckedFilter, offset: number, limit: number, mode: 'range' | 'count'): string[] {
  return [
    filter.after === undefined ? '-inf' : String(filter.after),
    filter.before === undefined ? '+inf' : String(filter.before),
    filter.fromSequence === undefined ? '' : String(filter.fromSequence),
    String(offset),
    Number.isFinite(limit) ? String(limit) : '-1',
    mode,
  ];
}
