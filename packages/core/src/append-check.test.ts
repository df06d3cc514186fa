import { describe, expect, it } from 'vitest';
import { checkAppend } from './append-check.js';
import type { AuditEntry } from './entry.js';
import { StoreConflictError, type AppendRecord } from './store.js';

const TRAIL = 'a:b@c';

function record(sequence: number, overrides: Partial<AuditEntry> = {}): AppendRecord {
  const entry = {
    trail: TRAIL,
    sequence,
    ts: 100 + sequence,
    entryHash: String(sequence).repeat(64).slice(0, 64),
    prevHash: sequence === 0 ? null : String(sequence - 1).repeat(64).slice(0, 64),
    ...overrides,
  } as AuditEntry;
  return { id: `id-${sequence}`, entry };
}

describe('checkAppend', () => {
  it('returns the new tail of a batch that continues the old one', () => {
    expect(checkAppend(TRAIL, null, [record(0), record(1)])).toEqual({ sequence: 1, entryHash: '1'.repeat(64), ts: 101 });
  });

  it('returns the old tail for an empty batch', () => {
    const tail = { sequence: 4, entryHash: null, ts: 9 };
    expect(checkAppend(TRAIL, tail, [])).toBe(tail);
  });

  it.each([
    ['a first sequence above 0', null, [record(1)]],
    ['a gap inside the batch', null, [record(0), record(2)]],
    ['a wrong prev_hash', null, [record(0), record(1, { prevHash: 'f'.repeat(64) })]],
    ['an entry of another trail', null, [record(0, { trail: 'x:y@z' })]],
    ['a ts below the tail', { sequence: 0, entryHash: '0'.repeat(64), ts: 500 }, [record(1)]],
  ])('rejects %s', (_case, tail, records) => {
    expect(() => checkAppend(TRAIL, tail, records)).toThrow(StoreConflictError);
  });
});
