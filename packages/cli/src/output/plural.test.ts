import { describe, expect, it } from 'vitest';
import { countOf } from './plural.js';

describe('countOf', () => {
  it('uses the singular only for one', () => {
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
    expect(countOf(0, 'entry', 'entries')).toBe('0 entries');
    expect(countOf(2, 'trail', 'trails')).toBe('2 trails');
  });

  it('groups digits with commas', () => {
    expect(countOf(1234567, 'finding', 'findings')).toBe('1,234,567 findings');
  });
});
