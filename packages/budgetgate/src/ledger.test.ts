import { describe, expect, it } from 'vitest';

import { InvalidIdentityError } from './errors.js';
import { Ledger } from './ledger.js';

describe('Ledger', () => {
  it('builds the identity string', () => {
    const ledger = new Ledger('openai', 'gpt-4o', 'team:eng');

    expect(ledger.key).toBe('openai:gpt-4o@team:eng');
    expect(ledger.key).toMatch(/^[^:]+:[^@]+@.+$/);
  });

  it.each([
    ['openai', 'gpt-4o', 'team:eng'],
    ['infra', 'gpu:a100', 'job@cluster:3'],
  ])('round-trips %s:%s@%s', (namespace, resource, principal) => {
    const parsed = Ledger.parse(new Ledger(namespace, resource, principal).key);

    expect([parsed.namespace, parsed.resource, parsed.principal]).toEqual([namespace, resource, principal]);
  });

  it.each([
    ['', 'gpt', 'p', 'namespace'],
    ['openai', 'gpt@4', 'p', 'resource'],
    ['openai', 'gpt', '', 'principal'],
  ])('rejects (%j, %j, %j) naming the %s', (namespace, resource, principal, part) => {
    try {
      new Ledger(namespace, resource, principal);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidIdentityError);
      expect((error as InvalidIdentityError).part).toBe(part);
    }
  });

  it.each(['openai:gpt', 'openai:@p'])('parse rejects %j', (text) => {
    expect(() => Ledger.parse(text)).toThrow(InvalidIdentityError);
  });
});
