import { StoreConflictError } from '@auditgate/core';
import { describe, expect, it } from 'vitest';
import { RedisStoreError } from './errors.js';
import { conflictFromReply, positionFromHash } from './replies.js';

describe('conflictFromReply', () => {
  it('returns null for OK', () => {
    expect(conflictFromReply('a:b@c', ['OK', 3])).toBeNull();
  });

  it('names the next sequence of an empty trail', () => {
    const conflict = conflictFromReply('a:b@c', ['CONFLICT', 'sequence', '4', '']);
    expect(conflict).toBeInstanceOf(StoreConflictError);
    expect(conflict?.message).toContain('expected sequence 4, found next sequence 0');
  });

  it('names a null previous hash', () => {
    expect(conflictFromReply('a:b@c', ['CONFLICT', 'prev_hash', 'ab', ''])?.message).toContain('previous entry hash null');
  });

  it.each([[null], ['OK'], [['CONFLICT', 'color', '1', '2']], [['MAYBE', 1]]])('rejects reply %j', (reply) => {
    expect(() => conflictFromReply('a:b@c', reply)).toThrow(RedisStoreError);
  });
});

describe('positionFromHash', () => {
  it('reads a missing hash as null', () => {
    expect(positionFromHash([null, null, null])).toBeNull();
  });

  it('reads an empty hash field as a null hash', () => {
    expect(positionFromHash(['7', '', '1000.5'])).toEqual({ sequence: 7, entryHash: null, ts: 1000.5 });
  });
});
