import { pyFloat, pyInt, canonicalJson } from '@auditgate/core';
import { describe, expect, it } from 'vitest';
import { chainRecords } from '../test/records.js';
import { decodeMember, encodeMember, memberSequence, SEQUENCE_DIGITS } from './member.js';

describe('member encoding', () => {
  it('round-trips an entry', () => {
    const [record] = chainRecords('a:b@c', 1, { detail: () => ({ note: 'ünïcode ☃', nested: [1, { x: null }] }) });
    expect(decodeMember(encodeMember(record!.entry))).toEqual(record!.entry);
  });

  it('keeps number spellings in detail', () => {
    const [record] = chainRecords('a:b@c', 1, { detail: () => ({ price: pyFloat(5), big: pyInt(2n ** 64n) }) });
    const decoded = decodeMember(encodeMember(record!.entry));
    expect(canonicalJson(decoded.detail, 'detail')).toBe('{"big":18446744073709551616,"price":5.0}');
  });

  it('sorts equal-ts members by sequence', () => {
    const records = chainRecords('a:b@c', 12, { ts: () => 1000, detail: (i) => ({ z: 'z'.repeat(12 - i) }) });
    const members = records.map((record) => encodeMember(record.entry));
    expect([...members].sort()).toEqual(members);
  });

  it('prefixes the sequence in 16 digits', () => {
    const [record] = chainRecords('a:b@c', 1, { start: 2 ** 53 - 1 });
    const member = encodeMember(record!.entry);
    expect(member.slice(0, SEQUENCE_DIGITS)).toBe('9007199254740991');
    expect(memberSequence(member)).toBe(2 ** 53 - 1);
  });
});
