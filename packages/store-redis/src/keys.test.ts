import { ValidationError } from '@auditgate/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY_PREFIX, KeySpace } from './keys.js';

/** The part of a key that Redis Cluster hashes: the text inside the first `{...}`, if not empty. */
function hashTag(key: string): string {
  const open = key.indexOf('{');
  if (open < 0) return key;
  const close = key.indexOf('}', open + 1);
  if (close < 0 || close === open + 1) return key;
  return key.slice(open + 1, close);
}

describe('KeySpace', () => {
  it('puts every key of a trail under one hash tag', () => {
    const keys = Object.values(new KeySpace().trail('billing:actiongate@user:42'));
    expect(keys).toHaveLength(4);
    expect(new Set(keys.map(hashTag))).toEqual(new Set(['billing:actiongate@user:42']));
  });

  it('shares the tag when the trail contains braces', () => {
    const keys = Object.values(new KeySpace().trail('app:gate@{a}b}c'));
    expect(new Set(keys.map(hashTag)).size).toBe(1);
  });

  it('keeps keys of different trails apart', () => {
    const space = new KeySpace();
    const trails = ['a:b@c', 'a:b@c}:tail', 'a:b@c}:ids', 'a:b@{c}'];
    const keys = trails.flatMap((trail) => Object.values(space.trail(trail)));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('uses the prefix', () => {
    const space = new KeySpace('tenant-7:');
    expect(space.trail('a:b@c').entries).toBe('tenant-7:{a:b@c}:entries');
    expect(space.trails).toBe('tenant-7:trails');
    expect(new KeySpace().prefix).toBe(DEFAULT_KEY_PREFIX);
  });

  it('puts every key of a ledger under one hash tag', () => {
    const keys = Object.values(new KeySpace().budgetLedger('openai:gpt-4o@team:eng'));
    expect(keys).toHaveLength(4);
    expect(new Set(keys.map(hashTag))).toEqual(new Set(['openai:gpt-4o@team:eng']));
  });

  it('names gate keys by the gate identity', () => {
    const space = new KeySpace('tenant-7:');
    expect(space.actionGate('billing:refund@user:1').calls).toBe('tenant-7:{billing:refund@user:1}:actiongate:calls');
    expect(space.budgetLedger('openai:gpt@team').totals).toBe('tenant-7:{openai:gpt@team}:budgetgate:totals');
  });

  it('keeps gate, ledger and trail keys apart', () => {
    const space = new KeySpace();
    const names = ['a:b@c', 'a:b@c}:actiongate', 'a:b@c}:budgetgate', 'a:b@{c}'];
    const keys = names.flatMap((name) => [
      ...Object.values(space.trail(name)),
      space.actionGate(name).calls,
      ...Object.values(space.budgetLedger(name)),
    ]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('rejects a prefix with braces', () => {
    expect(() => new KeySpace('app{1}:')).toThrow(ValidationError);
    expect(() => new KeySpace(7 as unknown as string)).toThrow(/keyPrefix/);
  });
});

describe('KeySpace names', () => {
  it('rejects lone surrogates, which UTF-8 would merge', () => {
    const keys = new KeySpace('p:');
    expect(() => keys.trail('a:b@x\ud800')).toThrow(/lone UTF-16 surrogate/);
    expect(() => keys.actionGate('n:a@u\udc00')).toThrow(/lone UTF-16 surrogate/);
    expect(() => keys.budgetLedger('n:r@\ud800')).toThrow(/lone UTF-16 surrogate/);
    expect(keys.trail('a:b@x\u{1F600}').tail).toContain('\u{1F600}');
  });
});
