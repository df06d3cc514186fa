import { describe, expect, it } from 'vitest';
import { canonicalEntry, hashEntry, type HashedFields } from './hash.js';

// The published vectors of the wire contract.
const first: HashedFields = {
  trail: 'test:action@global',
  ts: 1000,
  verdict: 'ALLOW',
  severity: 'INFO',
  gateType: 'actiongate',
  gateIdentity: 'test:action@global',
  reason: null,
  detail: {},
  sequence: 0,
  prevHash: null,
};
const FIRST_HASH = '6e2239ee3b234854d729bbad0ec9fa58458bd3b1db5bc81bf4292d4799e90723';

const second: HashedFields = {
  trail: 'billing:refund@user:42',
  ts: 2000.5,
  verdict: 'BLOCK',
  severity: 'WARN',
  gateType: 'rulegate',
  gateIdentity: 'billing:refund@user:42',
  reason: 'Policy violation: no_pii',
  detail: { violated: ['no_pii'], context: 'ssn detected' },
  sequence: 7,
  prevHash: null,
};

describe('hashEntry', () => {
  it('matches the published vectors', () => {
    expect(hashEntry(first)).toBe(FIRST_HASH);
    expect(hashEntry({ ...first, prevHash: '0'.repeat(64) })).toBe(
      '0f510008d027b9f0bc8df59fda55265368c8b298694540f7e7de36039df13e4b',
    );
    expect(hashEntry(second)).toBe('1e38877f639d96dc0fabf7d1ab82397507a3017bd16e9aaec2f5964f1d73e679');
    expect(hashEntry({ ...second, prevHash: FIRST_HASH })).toBe(
      '76303466bec8897f90745033ed8aefa8135468169db0d7b9f3c036e6b76a4d8a',
    );
  });

  it('writes ts as a Python float and the top-level keys in sorted order', () => {
    expect(canonicalEntry(first)).toBe(
      '{"detail":{},"gate_identity":"test:action@global","gate_type":"actiongate","reason":null,' +
        '"sequence":0,"severity":"INFO","trail":"test:action@global","ts":1000.0,"verdict":"ALLOW"}',
    );
  });

  it('covers an empty prev_hash, which is not the same as none', () => {
    expect(hashEntry({ ...first, prevHash: '' })).not.toBe(FIRST_HASH);
  });

  it('changes when any hashed field changes', () => {
    const variants: Partial<HashedFields>[] = [
      { trail: 'test:action@other' },
      { ts: 1000.5 },
      { verdict: 'BLOCK' },
      { severity: 'WARN' },
      { gateType: 'budgetgate' },
      { gateIdentity: 'x:y@z' },
      { reason: '' },
      { detail: { a: 1 } },
      { sequence: 1 },
    ];
    const hashes = new Set(variants.map((change) => hashEntry({ ...first, ...change })));
    expect(hashes.size).toBe(variants.length);
    expect(hashes.has(FIRST_HASH)).toBe(false);
  });
});
