import { ValidationError, type AuditEntry, type QueryFilter, type Severity, type Store, type Verdict } from '@auditgate/core';
import { describe, expect } from 'vitest';
import type { ConformanceContext } from '../context.js';
import { buildRecords } from '../records.js';

// "Zulu" sorts before "alpha" by UTF-16 code unit, though not in a locale-aware order.
const ALPHA = 'alpha:gate@p';
const ZULU = 'Zulu:gate@p';

interface Row {
  readonly ts: number;
  readonly verdict: Verdict;
  readonly severity: Severity;
  readonly gateType: string;
}

const ALPHA_ROWS: Row[] = [
  { ts: 10, verdict: 'ALLOW', severity: 'INFO', gateType: 'actiongate' },
  { ts: 20, verdict: 'BLOCK', severity: 'WARN', gateType: 'rulegate' },
  { ts: 30, verdict: 'ERROR', severity: 'ERROR', gateType: 'actiongate' },
  { ts: 30, verdict: 'OVERRIDE', severity: 'CRITICAL', gateType: 'budgetgate' },
];

const ZULU_ROWS: Row[] = [
  { ts: 10, verdict: 'BLOCK', severity: 'DEBUG', gateType: 'rulegate' },
  { ts: 15, verdict: 'ALLOW', severity: 'INFO', gateType: 'actiongate' },
  { ts: 30, verdict: 'BLOCK', severity: 'ERROR', gateType: 'actiongate' },
];

async function fill(store: Store): Promise<void> {
  for (const [trail, rows] of [[ALPHA, ALPHA_ROWS], [ZULU, ZULU_ROWS]] as const) {
    await store.append(trail, buildRecords(trail, rows.length, { fields: (i) => rows[i]! }));
  }
}

/** Short names such as "A2" (alpha, sequence 2), so that a failed order check reads easily. */
async function labels(store: Store, filter?: QueryFilter): Promise<string[]> {
  return (await store.query(filter)).map(label);
}

function label(entry: AuditEntry): string {
  return `${entry.trail === ALPHA ? 'A' : 'Z'}${entry.sequence}`;
}

const INVALID_FILTERS: Array<[string, unknown]> = [
  ['filter null', null],
  ['verdict MAYBE', { verdict: 'MAYBE' }],
  ['verdict list with a bad value', { verdict: ['ALLOW', 'allow'] }],
  ['minSeverity LOUD', { minSeverity: 'LOUD' }],
  ['trail number', { trail: 42 }],
  ['gateType number', { gateType: 42 }],
  ['after NaN', { after: Number.NaN }],
  ['before Infinity', { before: Infinity }],
  ['after string', { after: '10' }],
  ['offset negative', { offset: -1 }],
  ['offset fraction', { offset: 1.5 }],
  ['limit negative', { limit: -1 }],
  ['fromSequence negative', { fromSequence: -1 }],
];

/** Queries and counts: filters, ordering, paging and validation. */
export function describeQuery(context: ConformanceContext): void {
  const test = context.test.bind(context, 'query');

  describe('query', () => {
    test('trail filter in sequence order', async () => {
      await fill(context.store);
      expect(await labels(context.store, { trail: ALPHA })).toEqual(['A0', 'A1', 'A2', 'A3']);
      expect(await labels(context.store, { trail: ZULU })).toEqual(['Z0', 'Z1', 'Z2']);
    });

    test('cross-trail order: ts, trail, sequence', async () => {
      await fill(context.store);
      expect(await labels(context.store)).toEqual(['Z0', 'A0', 'Z1', 'A1', 'Z2', 'A2', 'A3']);
      expect(await labels(context.store, {})).toEqual(['Z0', 'A0', 'Z1', 'A1', 'Z2', 'A2', 'A3']);
    });

    test('verdict: one or a list', async () => {
      await fill(context.store);
      expect(await labels(context.store, { verdict: 'BLOCK' })).toEqual(['Z0', 'A1', 'Z2']);
      expect(await labels(context.store, { verdict: ['ALLOW', 'OVERRIDE'] })).toEqual(['A0', 'Z1', 'A3']);
      expect(await labels(context.store, { verdict: [] })).toEqual([]);
    });

    test('minSeverity keeps that level and above', async () => {
      await fill(context.store);
      expect(await labels(context.store, { minSeverity: 'WARN' })).toEqual(['A1', 'Z2', 'A2', 'A3']);
      expect(await labels(context.store, { minSeverity: 'DEBUG' })).toHaveLength(7);
      expect(await labels(context.store, { minSeverity: 'CRITICAL' })).toEqual(['A3']);
    });

    test('after inclusive, before exclusive', async () => {
      await fill(context.store);
      expect(await labels(context.store, { after: 15 })).toEqual(['Z1', 'A1', 'Z2', 'A2', 'A3']);
      expect(await labels(context.store, { before: 20 })).toEqual(['Z0', 'A0', 'Z1']);
      expect(await labels(context.store, { after: 15, before: 30 })).toEqual(['Z1', 'A1']);
      expect(await labels(context.store, { trail: ALPHA, after: 20, before: 30 })).toEqual(['A1']);
      expect(await labels(context.store, { trail: ALPHA, after: 30 })).toEqual(['A2', 'A3']);
      expect(await labels(context.store, { after: 30, before: 30 })).toEqual([]);
    });

    test('gateType', async () => {
      await fill(context.store);
      expect(await labels(context.store, { gateType: 'rulegate' })).toEqual(['Z0', 'A1']);
      expect(await labels(context.store, { gateType: 'nogate' })).toEqual([]);
    });

    test('fromSequence with a trail', async () => {
      await fill(context.store);
      expect(await labels(context.store, { trail: ALPHA, fromSequence: 2 })).toEqual(['A2', 'A3']);
      expect(await labels(context.store, { trail: ALPHA, fromSequence: 0 })).toHaveLength(4);
      expect(await labels(context.store, { trail: ALPHA, fromSequence: 9 })).toEqual([]);
      expect(await labels(context.store, { trail: ALPHA, fromSequence: 1, after: 30 })).toEqual(['A2', 'A3']);
      expect(await labels(context.store, { trail: ALPHA, fromSequence: 3, after: 10 })).toEqual(['A3']);
    });

    test('fromSequence after a prune', async () => {
      await fill(context.store);
      await context.store.prune(ALPHA, 30);
      expect(await labels(context.store, { trail: ALPHA, fromSequence: 0 })).toEqual(['A2', 'A3']);
      expect(await labels(context.store, { trail: ALPHA, fromSequence: 3 })).toEqual(['A3']);
    });

    test('offset and limit', async () => {
      await fill(context.store);
      expect(await labels(context.store, { trail: ALPHA, offset: 1, limit: 2 })).toEqual(['A1', 'A2']);
      expect(await labels(context.store, { offset: 2, limit: 3 })).toEqual(['Z1', 'A1', 'Z2']);
      expect(await labels(context.store, { offset: 5 })).toEqual(['A2', 'A3']);
      expect(await labels(context.store, { limit: 0 })).toEqual([]);
      expect(await labels(context.store, { trail: ALPHA, limit: 0 })).toEqual([]);
      expect(await labels(context.store, { offset: 7 })).toEqual([]);
      expect(await labels(context.store, { verdict: 'BLOCK', offset: 1, limit: 1 })).toEqual(['A1']);
      expect(await labels(context.store, { trail: ZULU, gateType: 'actiongate', offset: 1 })).toEqual(['Z2']);
    });

    test('filters combine with AND', async () => {
      await fill(context.store);
      expect(await labels(context.store, { verdict: 'BLOCK', minSeverity: 'ERROR' })).toEqual(['Z2']);
      expect(await labels(context.store, { trail: ZULU, gateType: 'actiongate', after: 15 })).toEqual(['Z1', 'Z2']);
      expect(await labels(context.store, { trail: ALPHA, verdict: 'BLOCK', gateType: 'actiongate' })).toEqual([]);
    });

    test('unknown trail matches nothing', async () => {
      await fill(context.store);
      expect(await context.store.query({ trail: 'nobody:gate@p' })).toEqual([]);
      expect(await context.store.count({ trail: 'nobody:gate@p' })).toBe(0);
    });

    test('count ignores offset and limit', async () => {
      await fill(context.store);
      const filters: QueryFilter[] = [{}, { trail: ALPHA }, { verdict: 'BLOCK' }, { after: 15, before: 30 }, { trail: ALPHA, fromSequence: 1 }];
      for (const filter of filters) {
        const expected = (await context.store.query(filter)).length;
        expect(await context.store.count(filter)).toBe(expected);
        expect(await context.store.count({ ...filter, offset: 1, limit: 1 })).toBe(expected);
      }
      expect(await context.store.count()).toBe(7);
    });

    test('invalid filters throw ValidationError', async () => {
      await fill(context.store);
      for (const [name, filter] of INVALID_FILTERS) {
        await expect(context.store.query(filter as QueryFilter), `query: ${name}`).rejects.toBeInstanceOf(ValidationError);
        await expect(context.store.count(filter as QueryFilter), `count: ${name}`).rejects.toBeInstanceOf(ValidationError);
      }
    });
  });
}
