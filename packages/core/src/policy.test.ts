import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { auditPolicy, DEFAULT_POLICY } from './policy.js';

describe('auditPolicy', () => {
  it('fills the defaults', () => {
    expect(auditPolicy()).toEqual({
      mode: 'HARD',
      onStoreError: 'FAIL_CLOSED',
      minSeverity: 'DEBUG',
      retentionSeconds: null,
      integrity: 'HASH',
    });
    expect(DEFAULT_POLICY.integrity).toBe('HASH');
  });

  it('keeps given options and freezes the result', () => {
    const policy = auditPolicy({ mode: 'SOFT', integrity: 'CHAIN', retentionSeconds: 60 });
    expect(policy.mode).toBe('SOFT');
    expect(policy.integrity).toBe('CHAIN');
    expect(policy.retentionSeconds).toBe(60);
    expect(Object.isFrozen(policy)).toBe(true);
  });

  it.each([
    [{ mode: 'STRICT' }, 'policy.mode'],
    [{ onStoreError: 'IGNORE' }, 'policy.onStoreError'],
    [{ minSeverity: 'NOTICE' }, 'policy.minSeverity'],
    [{ integrity: 'MERKLE' }, 'policy.integrity'],
    [{ retentionSeconds: 0 }, 'policy.retentionSeconds'],
    [{ retentionSeconds: -5 }, 'policy.retentionSeconds'],
    [{ retentionSeconds: Number.NaN }, 'policy.retentionSeconds'],
    [{ retention: 5 }, 'policy.retention'],
  ])('rejects %j', (options, field) => {
    try {
      auditPolicy(options as never);
      expect.unreachable('auditPolicy accepted a bad option');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe(field);
    }
  });
});

describe('auditPolicy options', () => {
  it('ignores options inherited from a prototype', () => {
    const options = Object.create({ mode: 'SOFT' }) as Record<string, unknown>;
    expect(auditPolicy(options).mode).toBe('HARD');
  });
});
