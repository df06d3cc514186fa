import { Engine, hashEntry, LosslessNumber, pyFloat, pyInt, ValidationError } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import { describe, expect, it } from 'vitest';
import { allow } from './helpers.js';

const TRAIL = 'billing:actiongate@user:42';

async function recordDetail(detail: unknown) {
  const engine = new Engine({ store: new MemoryStore() });
  return engine.record(allow(TRAIL, detail as never));
}

describe('recorded detail', () => {
  it('reads a getter once, so the hash covers the stored value', async () => {
    let reads = 0;
    const detail = {
      get counter() {
        return ++reads;
      },
    };
    const entry = (await recordDetail(detail)).entry!;
    expect(reads).toBe(1);
    expect(entry.detail).toEqual({ counter: 1 });
    expect(entry.entryHash).toBe(hashEntry(entry));
  });

  it('reports a getter that throws as a ValidationError at its path', async () => {
    const detail = {
      nested: {
        get boom(): number {
          throw new Error('no access');
        },
      },
    };
    const error = await recordDetail(detail).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('detail.nested.boom');
    expect((error as ValidationError).message).toContain('no access');
  });

  it('reports a proxy whose trap throws as a ValidationError', async () => {
    const detail = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    await expect(recordDetail(detail)).rejects.toBeInstanceOf(ValidationError);
  });

  it('rejects array subclasses and sparse arrays', async () => {
    class List extends Array {}
    await expect(recordDetail({ items: List.from([1]) })).rejects.toThrow(/detail.items/);
    await expect(recordDetail({ items: [1, , 3] })).rejects.toThrow(/detail.items\[1\]/);
  });

  it('keeps its own frozen LosslessNumbers', async () => {
    const amount = pyInt('100');
    const entry = (await recordDetail({ amount })).entry!;
    expect(Object.isFrozen(amount)).toBe(true);
    expect(() => {
      (amount as { text: string }).text = '999';
    }).toThrow(TypeError);
    expect((entry.detail.amount as LosslessNumber).text).toBe('100');
  });

  it.each([pyFloat(Number.NaN), pyFloat(Infinity), pyFloat(-Infinity)])('rejects the non-finite %s', async (value) => {
    await expect(recordDetail({ value })).rejects.toThrow(/detail.value: .* is not a JSON number/);
  });

  it.each([
    ['0x10', 'int'],
    ['abc', 'int'],
    ['hello', 'float'],
    ['1.', 'float'],
  ] as const)('rejects the LosslessNumber token %s (%s)', (text, kind) => {
    expect(() => new LosslessNumber(text, kind)).toThrow(ValidationError);
  });
});
