import { describe, expect, it } from 'vitest';

import { MemoryBudgetStore } from './memory-store.js';
import type { SpendRequest } from './store.js';

const KEY = 'openai:gpt-4o@team:eng';

function request(amount: bigint, overrides: Partial<SpendRequest> = {}): SpendRequest {
  return { amount, maxSpend: 100n, window: 60, scale: 2, holdFor: null, ...overrides };
}

describe('MemoryBudgetStore', () => {
  it('spends until the limit, inclusive', () => {
    const store = new MemoryBudgetStore();

    expect(store.checkAndReserve(KEY, request(60n), 0)).toEqual({ allowed: true, spentInWindow: 60n, reservationId: null });
    expect(store.checkAndReserve(KEY, request(40n), 1)).toEqual({ allowed: true, spentInWindow: 100n, reservationId: null });
    expect(store.checkAndReserve(KEY, request(1n), 2)).toEqual({ allowed: false, spentInWindow: 100n, reservationId: null });
  });

  it('expires spends after the window', () => {
    const store = new MemoryBudgetStore();
    store.checkAndReserve(KEY, request(100n), 0);

    expect(store.checkAndReserve(KEY, request(1n), 60).allowed).toBe(false);
    expect(store.checkAndReserve(KEY, request(1n), 60.5)).toMatchObject({ allowed: true, spentInWindow: 1n });
  });

  it('keeps windowless spends forever', () => {
    const store = new MemoryBudgetStore();
    store.checkAndReserve(KEY, request(100n, { window: null }), 0);

    expect(store.checkAndReserve(KEY, request(1n, { window: null }), 1e9).allowed).toBe(false);
    expect(store.checkAndReserve(KEY, request(1n), 1e9).allowed).toBe(false);
  });

  it('counts held amounts until settled', () => {
    const store = new MemoryBudgetStore();
    const held = store.checkAndReserve(KEY, request(70n, { holdFor: 30 }), 0);

    expect(held.reservationId).not.toBeNull();
    expect(store.checkAndReserve(KEY, request(31n), 1).allowed).toBe(false);

    expect(store.commit(KEY, held.reservationId as string, 20n, 2)).toEqual({ expired: false });
    expect(store.checkAndReserve(KEY, request(80n), 3)).toMatchObject({ allowed: true, spentInWindow: 100n });
  });

  it('release frees the held amount', () => {
    const store = new MemoryBudgetStore();
    const held = store.checkAndReserve(KEY, request(100n, { holdFor: 30 }), 0);

    expect(store.release(KEY, held.reservationId as string, 1)).toEqual({ expired: false });
    expect(store.checkAndReserve(KEY, request(100n), 2).allowed).toBe(true);
  });

  it('reservations outlive the window but not their TTL', () => {
    const store = new MemoryBudgetStore();
    const held = store.checkAndReserve(KEY, request(100n, { window: 10, holdFor: 30 }), 0);

    expect(store.checkAndReserve(KEY, request(1n, { window: 10 }), 20).allowed).toBe(false);
    expect(store.checkAndReserve(KEY, request(1n, { window: 10 }), 30).allowed).toBe(true);
    expect(store.release(KEY, held.reservationId as string, 31)).toEqual({ expired: true });
  });

  it('commit after expiry still records the cost', () => {
    const store = new MemoryBudgetStore();
    const held = store.checkAndReserve(KEY, request(50n, { holdFor: 5 }), 0);

    expect(store.commit(KEY, held.reservationId as string, 40n, 10)).toEqual({ expired: true });
    expect(store.checkAndReserve(KEY, request(61n), 11)).toMatchObject({ allowed: false, spentInWindow: 40n });
  });

  it('rejects a commit above the held amount', () => {
    const store = new MemoryBudgetStore();
    const held = store.checkAndReserve(KEY, request(10n, { holdFor: 5 }), 0);

    expect(() => store.commit(KEY, held.reservationId as string, 11n, 1)).toThrow(/exceeds/);
  });

  it('rejects a second scale on one ledger', () => {
    const store = new MemoryBudgetStore();
    store.checkAndReserve(KEY, request(1n), 0);

    expect(() => store.checkAndReserve(KEY, request(1n, { scale: 6 }), 1)).toThrow(/scale/);
  });

  it('clear forgets ledgers', () => {
    const store = new MemoryBudgetStore();
    store.checkAndReserve(KEY, request(100n), 0);
    store.checkAndReserve('a:b@c', request(1n), 0);

    store.clear(KEY);
    expect(store.size).toBe(1);
    expect(store.checkAndReserve(KEY, request(100n), 1).allowed).toBe(true);

    store.clear();
    expect(store.size).toBe(0);
  });
});
