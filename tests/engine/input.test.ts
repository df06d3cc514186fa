import { Engine, MAX_DETAIL_BYTES, ValidationError, type RecordInput } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import { describe, expect, it } from 'vitest';
import { allow } from './helpers.js';

const TRAIL = 'billing:actiongate@user:42';

async function rejection(input: unknown): Promise<ValidationError> {
  const store = new MemoryStore();
  const engine = new Engine({ store });
  const error = await engine.record(input as RecordInput).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  expect(await store.count()).toBe(0);
  return error as ValidationError;
}

describe('record input', () => {
  const circular: Record<string, unknown> = {};
  circular.self = circular;

  it.each([
    [{ ...allow(TRAIL), detail: circular }, 'detail.self'],
    [{ ...allow(TRAIL), detail: { n: 10n } }, 'detail.n'],
    [{ ...allow(TRAIL), detail: { f: () => 0 } }, 'detail.f'],
    [{ ...allow(TRAIL), detail: { s: Symbol('x') } }, 'detail.s'],
    [{ ...allow(TRAIL), detail: { u: undefined } }, 'detail.u'],
    [{ ...allow(TRAIL), detail: { x: Number.NaN } }, 'detail.x'],
    [{ ...allow(TRAIL), detail: { x: -Infinity } }, 'detail.x'],
    [{ ...allow(TRAIL), detail: { m: new Map() } }, 'detail.m'],
    [{ ...allow(TRAIL), detail: { d: new Date() } }, 'detail.d'],
    [{ ...allow(TRAIL), detail: [1, 2] }, 'detail'],
    [{ ...allow(TRAIL), detail: 'text' }, 'detail'],
    [{ ...allow(TRAIL), detail: { big: 'x'.repeat(MAX_DETAIL_BYTES) } }, 'detail'],
    [{ ...allow(TRAIL), verdict: 'MAYBE' }, 'verdict'],
    [{ ...allow(TRAIL), severity: 'LOUD' }, 'severity'],
    [{ ...allow(TRAIL), trail: 'not a trail' }, 'trail'],
    [{ ...allow(TRAIL), gateType: 5 }, 'gateType'],
    [{ ...allow(TRAIL), reason: 42 }, 'reason'],
  ])('rejects bad input at %#, naming %s', async (input, field) => {
    const error = await rejection(input);
    expect(error.field).toBe(field);
  });

  it('rejects an unknown mode when registering', () => {
    const engine = new Engine({ store: new MemoryStore() });
    expect(() => engine.register(TRAIL, { mode: 'LOUD' as never })).toThrow(/policy.mode/);
  });

  it('keeps a frozen copy of detail, so later changes do not reach the trail', async () => {
    const engine = new Engine({ store: new MemoryStore() });
    const detail = { items: [{ price: 5 }] };
    const entry = (await engine.record(allow(TRAIL, detail))).entry!;
    detail.items[0]!.price = 500;
    expect(entry.detail).toEqual({ items: [{ price: 5 }] });
    expect(Object.isFrozen(entry.detail)).toBe(true);
    const [stored] = await engine.query({ trail: TRAIL });
    expect(stored!.detail).toEqual({ items: [{ price: 5 }] });
  });

  it('rejects recording after close', async () => {
    const engine = new Engine({ store: new MemoryStore() });
    await engine.close();
    await expect(engine.record(allow(TRAIL))).rejects.toThrow(/closed/);
  });
});
