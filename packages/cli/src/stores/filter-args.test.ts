import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { filterFromFlags } from './filter-args.js';

describe('filterFromFlags', () => {
  it('builds a core filter from every flag', () => {
    const filter = filterFromFlags(
      { trail: 'a:b@c', verdict: ['allow', 'BLOCK'], 'min-severity': 'warn', after: '100.5', before: '1970-01-01T00:10:00Z', 'gate-type': 'rulegate', 'from-sequence': '7', offset: '2', limit: '10' },
      'query',
    );

    expect(filter).toEqual({ trail: 'a:b@c', verdict: ['ALLOW', 'BLOCK'], minSeverity: 'WARN', after: 100.5, before: 600, gateType: 'rulegate', fromSequence: 7, offset: 2, limit: 10 });
  });

  it('returns an empty filter without flags', () => {
    expect(filterFromFlags({}, 'query')).toEqual({});
  });

  it('names the flag of a bad verdict', () => {
    expect(() => filterFromFlags({ verdict: ['ALLOW', 'MAYBE'] }, 'query')).toThrow(new UsageError('--verdict: invalid value "MAYBE"; expected one of ALLOW, BLOCK, ERROR, OVERRIDE', 'query'));
  });

  it('rejects a time that is neither seconds nor a date', () => {
    expect(() => filterFromFlags({ after: 'yesterday' }, 'query')).toThrow(/--after "yesterday" is neither seconds since the epoch nor an ISO 8601 date/);
  });

  it('rejects a negative from-sequence', () => {
    expect(() => filterFromFlags({ 'from-sequence': '-1' }, 'query')).toThrow(/--from-sequence "-1" is not a whole number/);
  });

  it('rejects a fractional offset', () => {
    expect(() => filterFromFlags({ offset: '1.5' }, 'query')).toThrow(/--offset "1.5" is not a whole number/);
  });
});
