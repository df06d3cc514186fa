import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { Trail } from './trail.js';

describe('Trail', () => {
  it('formats namespace:source@principal', () => {
    expect(new Trail('billing', 'actiongate', 'user:123').toString()).toBe('billing:actiongate@user:123');
  });

  it('parses its own string form back', () => {
    for (const text of ['billing:actiongate@user:123', 'a:b@c@d', 'ns:src:with:colons@p', 'x:y@é']) {
      const trail = Trail.parse(text);
      expect(trail.toString()).toBe(text);
      expect(new Trail(trail.namespace, trail.source, trail.principal).equals(trail)).toBe(true);
    }
  });

  it('splits the principal after the first @ that follows the first colon', () => {
    const trail = Trail.parse('ns:src@user@example.com');
    expect(trail.namespace).toBe('ns');
    expect(trail.source).toBe('src');
    expect(trail.principal).toBe('user@example.com');
  });

  it.each([
    ['', 'src', 'p', 'trail.namespace'],
    ['ns', '', 'p', 'trail.source'],
    ['ns', 'src', '', 'trail.principal'],
    ['n:s', 'src', 'p', 'trail.namespace'],
    ['n@s', 'src', 'p', 'trail.namespace'],
    ['ns', 's@rc', 'p', 'trail.source'],
  ])('rejects parts (%j, %j, %j)', (namespace, source, principal, field) => {
    const attempt = () => new Trail(namespace, source, principal);
    expect(attempt).toThrow(ValidationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ValidationError).field).toBe(field);
      expect((error as ValidationError).code).toBe('INVALID_TRAIL');
    }
  });

  it('rejects a non-string part', () => {
    expect(() => new Trail('ns', 42 as unknown as string, 'p')).toThrow(/trail.source: expected a string/);
  });

  it.each(['', 'nocolon@p', 'ns:noat', ':src@p', 'ns:@p', 'ns:src@', 'n@s:src@p'])('parse rejects %j', (text) => {
    expect(() => Trail.parse(text)).toThrow(ValidationError);
  });

  it('treats trails with equal parts as equal', () => {
    expect(new Trail('a', 'b', 'c').equals(Trail.parse('a:b@c'))).toBe(true);
    expect(new Trail('a', 'b', 'c').equals(new Trail('a', 'b', 'd'))).toBe(false);
  });
});

describe('Trail text', () => {
  it.each(['a\nb', 'a\rb', 'a\u2028b', 'a\u0000b', 'a\u007fb', 'u\ud800', 'u\udc00x'])('rejects the principal %j', (principal) => {
    expect(() => new Trail('ns', 'src', principal)).toThrow(/control character, a line break or a lone UTF-16 surrogate/);
    expect(() => Trail.parse(`ns:src@${principal}`)).toThrow(ValidationError);
  });

  it('accepts astral characters and other Unicode text', () => {
    expect(new Trail('ns', 'src', 'ü\u{1F600}').toString()).toMatch(/^[^:]+:[^@]+@.+$/);
  });
});
