import { ValidationError } from '@auditgate/core';
import { describe, expect, it } from 'vitest';
import { decodeTrailStem, encodeTrailStem, MAX_STEM_LENGTH } from './trail-file-name.js';

const TRAILS = [
  'billing:actiongate@user:42',
  'Billing:ActionGate@User:42',
  'ns:src@用户:42',
  'ns:src@../../etc/passwd',
  'ns:src@100%25 %',
  'ns:src@a@b:c',
  'ns:src@emoji 🚀',
  'ns:src@.hidden',
  'ns:src@tab\tnewline\n',
];

function expectInvalid(trail: string, code: string): void {
  let caught: unknown;
  try {
    encodeTrailStem(trail);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  expect((caught as ValidationError).code).toBe(code);
}

describe('trail file names', () => {
  it('keeps lowercase letters and digits readable', () => {
    expect(encodeTrailStem('billing:actiongate@user:42')).toBe('billing%3Aactiongate%40user%3A42');
    expect(encodeTrailStem('a-b_c.d:e@f')).toBe('a-b_c.d%3Ae%40f');
  });

  it.each(TRAILS)('round-trips %j', (trail) => {
    const stem = encodeTrailStem(trail);

    expect(decodeTrailStem(stem)).toBe(trail);
    expect(stem).toMatch(/^[a-z0-9._%A-F-]+$/);
    expect(stem).not.toContain('/');
  });

  it('distinct trails differ ignoring case', () => {
    const folded = TRAILS.map((trail) => encodeTrailStem(trail).toLowerCase());
    expect(new Set(folded).size).toBe(TRAILS.length);
    expect(encodeTrailStem('a:b@C').toLowerCase()).not.toBe(encodeTrailStem('a:b@c').toLowerCase());
  });

  it('rejects names it did not write', () => {
    const rejected = [
      '',
      'billing%3aactiongate', // lowercase hex
      '%61%3Ab%40c', // "a" needs no escape
      'Billing%3Ab%40c', // uppercase letters are always escaped
      'a%3Ab%40c%', // escape cut short
      'a%3Ab%40c%ZZ',
      'a%3Ab%40%FF', // not UTF-8
      'a b',
    ];
    for (const stem of rejected) expect(decodeTrailStem(stem), stem).toBeNull();
  });

  it('rejects empty and ill-formed trails', () => {
    expectInvalid('', 'INVALID_TRAIL');
    expectInvalid('ns:src@\ud800', 'INVALID_TRAIL');
    expectInvalid('ns:src@\udc00x', 'INVALID_TRAIL');
  });

  it('rejects trails too long for a file name', () => {
    const fits = `ns:src@${'p'.repeat(MAX_STEM_LENGTH - 'ns%3Asrc%40'.length)}`;
    expect(encodeTrailStem(fits)).toHaveLength(MAX_STEM_LENGTH);

    expectInvalid(`${fits}p`, 'TRAIL_NAME_TOO_LONG');
    expectInvalid(`ns:src@${'用'.repeat(30)}`, 'TRAIL_NAME_TOO_LONG');
  });
});
