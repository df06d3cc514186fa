import { describe, expect, it } from 'vitest';

import { InvalidIdentityError } from './errors.js';
import { Gate } from './gate.js';

const WIRE_PATTERN = /^[^:]+:[^@]+@.+$/;

describe('Gate', () => {
  it('builds the identity string', () => {
    const gate = new Gate('billing', 'refund', 'user:123');

    expect(gate.key).toBe('billing:refund@user:123');
    expect(String(gate)).toBe('billing:refund@user:123');
    expect(Object.isFrozen(gate)).toBe(true);
  });

  it.each([
    ['billing', 'refund', 'user:123'],
    ['api', 'search', 'global'],
    ['ns', 'tool:call', 'agent@host:7'],
    ['ns', 'a b', 'p@q@r'],
  ])('round-trips %s:%s@%s', (namespace, action, principal) => {
    const gate = new Gate(namespace, action, principal);
    const parsed = Gate.parse(gate.key);

    expect(parsed.namespace).toBe(namespace);
    expect(parsed.action).toBe(action);
    expect(parsed.principal).toBe(principal);
    expect(parsed.equals(gate)).toBe(true);
    expect(gate.key).toMatch(WIRE_PATTERN);
  });

  it.each([
    ['', 'refund', 'user', 'namespace'],
    ['bil:ling', 'refund', 'user', 'namespace'],
    ['bil@ling', 'refund', 'user', 'namespace'],
    ['billing', '', 'user', 'action'],
    ['billing', 're@fund', 'user', 'action'],
    ['billing', 'refund', '', 'principal'],
    ['billing', 'refund', 'user\n2', 'principal'],
    ['bil\rling', 'refund', 'user', 'namespace'],
  ])('rejects (%j, %j, %j) naming the %s', (namespace, action, principal, part) => {
    const build = () => new Gate(namespace, action, principal);

    expect(build).toThrow(InvalidIdentityError);
    try {
      build();
    } catch (error) {
      expect((error as InvalidIdentityError).part).toBe(part);
      expect((error as InvalidIdentityError).code).toBe('INVALID_IDENTITY');
      expect((error as Error).message).toContain(part);
    }
  });

  it('rejects non-string parts', () => {
    expect(() => new Gate(42 as unknown as string, 'a', 'b')).toThrow(/expected a string, got number/);
  });

  it.each(['billing', 'billing:refund', 'billing@user:refund', '', ':a@b', 'a:@b', 'a:b@'])(
    'parse rejects %j',
    (text) => {
      expect(() => Gate.parse(text)).toThrow(InvalidIdentityError);
    },
  );

  it('parse reports a missing separator as identity', () => {
    try {
      Gate.parse('billing');
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidIdentityError).part).toBe('identity');
    }
  });

  it('equals compares all three parts', () => {
    const gate = new Gate('a', 'b', 'c');

    expect(gate.equals(new Gate('a', 'b', 'c'))).toBe(true);
    expect(gate.equals(new Gate('a', 'b', 'd'))).toBe(false);
    expect(gate.equals(new Gate('x', 'b', 'c'))).toBe(false);
  });
});
