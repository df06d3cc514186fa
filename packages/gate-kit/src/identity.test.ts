import { describe, expect, it } from 'vitest';

import { checkIdentityPart, checkIdentityParts, type IdentityPartOf, type IdentityRules, parseIdentity } from './identity.js';

const WIRE_PATTERN = /^[^:]+:[^@]+@.+$/;

class SampleIdentityError extends Error {
  constructor(
    readonly part: IdentityPartOf<'item'>,
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

const rules: IdentityRules<'item'> = {
  noun: 'sample',
  middle: 'item',
  createError: (part, value, message) => new SampleIdentityError(part, value, message),
};

function thrownBy(run: () => unknown): SampleIdentityError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SampleIdentityError);
    return error as SampleIdentityError;
  }
  return expect.unreachable('expected an identity error');
}

describe('checkIdentityParts', () => {
  it('builds the identity string', () => {
    const parts = checkIdentityParts('billing', 'refund', 'user:123', rules);

    expect(parts).toEqual({ namespace: 'billing', middle: 'refund', principal: 'user:123', key: 'billing:refund@user:123' });
    expect(parts.key).toMatch(WIRE_PATTERN);
  });

  it.each([
    ['', 'refund', 'user', 'namespace'],
    ['bil:ling', 'refund', 'user', 'namespace'],
    ['bil@ling', 'refund', 'user', 'namespace'],
    ['bil\rling', 'refund', 'user', 'namespace'],
    ['billing', '', 'user', 'item'],
    ['billing', 're@fund', 'user', 'item'],
    ['billing', 're\u2029fund', 'user', 'item'],
    ['billing', 'refund', '', 'principal'],
    ['billing', 'refund', 'user\n2', 'principal'],
    ['billing', 'refund', 'p\u2028q', 'principal'],
  ])('rejects (%j, %j, %j) naming the %s', (namespace, middle, principal, part) => {
    const error = thrownBy(() => checkIdentityParts(namespace, middle, principal, rules));

    expect(error.part).toBe(part);
    expect(error.message).toContain(part);
    expect(error.message).toMatch(/^Invalid sample /);
  });

  it('reports the first invalid part', () => {
    const error = thrownBy(() => checkIdentityParts('a:b', 'c@d', '', rules));

    expect(error.part).toBe('namespace');
  });

  it('passes the received value to the error', () => {
    const error = thrownBy(() => checkIdentityParts('billing', 're@fund', 'user', rules));

    expect(error.value).toBe('re@fund');
  });

  it('names the middle part in separator messages', () => {
    const error = thrownBy(() => checkIdentityParts('bil:ling', 'refund', 'user', rules));

    expect(error.message).toContain('"namespace:item@principal"');
  });

  it('rejects non-string parts', () => {
    const error = thrownBy(() => checkIdentityParts(42, 'a', 'b', rules));

    expect(error.part).toBe('namespace');
    expect(error.message).toBe('Invalid sample namespace: expected a string, got number.');
  });
});

describe('checkIdentityPart', () => {
  it('returns a valid part unchanged', () => {
    expect(checkIdentityPart('principal', 'agent@host:7', rules)).toBe('agent@host:7');
  });

  it('rejects an empty part', () => {
    const error = thrownBy(() => checkIdentityPart('item', '', rules));

    expect(error.message).toBe('Invalid sample item: it is empty. Give a non-empty item.');
  });
});

describe('parseIdentity', () => {
  it.each([
    ['billing', 'refund', 'user:123'],
    ['api', 'search', 'global'],
    ['ns', 'tool:call', 'agent@host:7'],
    ['ns', 'a b', 'p@q@r'],
    ['infra', 'gpu:a100', 'job@cluster:3'],
  ])('round-trips %s:%s@%s', (namespace, middle, principal) => {
    const built = checkIdentityParts(namespace, middle, principal, rules);
    const parsed = parseIdentity(built.key, rules);

    expect(parsed).toEqual(built);
  });

  it.each(['billing', 'billing:refund', 'billing@user:refund', '', ':a@b', 'a:@b', 'a:b@', 'openai@gpt:x'])(
    'rejects %j',
    (text) => {
      expect(() => parseIdentity(text, rules)).toThrow(SampleIdentityError);
    },
  );

  it('reports a missing separator as identity', () => {
    const error = thrownBy(() => parseIdentity('billing', rules));

    expect(error.part).toBe('identity');
    expect(error.message).toBe('Invalid sample identity "billing": expected the form "namespace:item@principal".');
  });

  it('reports an empty part by name', () => {
    const error = thrownBy(() => parseIdentity('a:@b', rules));

    expect(error.part).toBe('item');
  });

  it('rejects a non-string as identity', () => {
    const error = thrownBy(() => parseIdentity(undefined, rules));

    expect(error.part).toBe('identity');
    expect(error.message).toContain('got undefined');
  });
});

describe('identity parts with lone surrogates', () => {
  it.each(['u\ud800', 'u\udc00', '\ud800x'])('rejects the principal %j', (principal) => {
    expect(() => checkIdentityParts('ns', 'act', principal, rules)).toThrow(/lone UTF-16 surrogate/);
  });

  it('accepts a surrogate pair', () => {
    expect(checkIdentityParts('ns', 'act', 'u\u{1F600}', rules).principal).toBe('u\u{1F600}');
  });
});
