import { describe, expect, it } from 'vitest';

import { InvalidPolicyError } from './errors.js';
import { Policy, type PolicyOptions } from './policy.js';

describe('Policy', () => {
  it('applies defaults', () => {
    const policy = new Policy({ maxCalls: 3, window: 60 });

    expect(policy).toMatchObject({ maxCalls: 3, window: 60, cooldown: 0, mode: 'HARD', onStoreError: 'FAIL_CLOSED' });
    expect(Object.isFrozen(policy)).toBe(true);
  });

  it('accepts zero calls and no window', () => {
    const policy = new Policy({ maxCalls: 0, window: null, cooldown: 1.5, mode: 'SOFT', onStoreError: 'FAIL_OPEN' });

    expect(policy).toMatchObject({ maxCalls: 0, window: null, cooldown: 1.5, mode: 'SOFT', onStoreError: 'FAIL_OPEN' });
  });

  it.each<[string, Partial<PolicyOptions>]>([
    ['maxCalls', { maxCalls: -1 }],
    ['maxCalls', { maxCalls: 1.5 }],
    ['maxCalls', { maxCalls: Number.NaN }],
    ['maxCalls', { maxCalls: Number.POSITIVE_INFINITY }],
    ['maxCalls', { maxCalls: '3' as unknown as number }],
    ['window', { window: 0 }],
    ['window', { window: -5 }],
    ['window', { window: Number.POSITIVE_INFINITY }],
    ['window', { window: undefined as unknown as null }],
    ['cooldown', { cooldown: -1 }],
    ['cooldown', { cooldown: Number.NaN }],
    ['mode', { mode: 'hard' as 'HARD' }],
    ['onStoreError', { onStoreError: 'OPEN' as 'FAIL_OPEN' }],
  ])('rejects invalid %s', (field, override) => {
    const build = () => new Policy({ maxCalls: 3, window: 60, ...override });

    expect(build).toThrow(InvalidPolicyError);
    try {
      build();
    } catch (error) {
      expect((error as InvalidPolicyError).field).toBe(field);
      expect((error as Error).message).toContain(field);
    }
  });
});
