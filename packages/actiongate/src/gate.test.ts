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
    ['ns', 'tool:call', 'agent@host:7'],
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
    ['billing', 're@fund', 'user', 'action'],
    ['billing', 'refund', '', 'principal'],
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

  it.each(['billing:refund', 'a:@b'])(
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
});
