import { MemoryStore } from '@auditgate/store-memory';
import { describe, expect, it } from 'vitest';
import { buildRecords, FaultyStore, InjectedStoreError, type StoreMethod } from '@auditgate/store-conformance';

const TRAIL = 'billing:actiongate@user:42';

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'ok',
    (error: unknown) => error,
  );
}

describe('FaultyStore', () => {
  it('passes calls through by default', async () => {
    const store = new FaultyStore(new MemoryStore());
    const records = buildRecords(TRAIL, 2);

    await store.append(TRAIL, records);

    expect(await store.count()).toBe(2);
    expect(await store.inner.count()).toBe(2);
    expect(store.calls('append')).toBe(1);
  });

  it('failNext fails one call, before the store', async () => {
    const store = new FaultyStore(new MemoryStore());
    store.failNext('append');

    const error = await outcome(store.append(TRAIL, buildRecords(TRAIL, 1)));

    expect(error).toBeInstanceOf(InjectedStoreError);
    expect((error as InjectedStoreError).method).toBe('append');
    expect((error as InjectedStoreError).code).toBe('INJECTED_STORE_FAILURE');
    expect(await store.inner.count()).toBe(0);
    expect(await outcome(store.append(TRAIL, buildRecords(TRAIL, 1)))).toBe('ok');
  });

  it('failNext queues failures in order', async () => {
    const store = new FaultyStore(new MemoryStore());
    const first = new Error('first');
    const second = new Error('second');
    store.failNext('tail', first).failNext('tail', second);

    expect(await outcome(store.tail(TRAIL))).toBe(first);
    expect(await outcome(store.tail(TRAIL))).toBe(second);
    expect(await outcome(store.tail(TRAIL))).toBe('ok');
    expect(store.calls('tail')).toBe(3);
  });

  it('after timing runs the call, then fails', async () => {
    const store = new FaultyStore(new MemoryStore());
    store.failNext('append', undefined, 'after');

    const error = await outcome(store.append(TRAIL, buildRecords(TRAIL, 1)));

    expect(error).toBeInstanceOf(InjectedStoreError);
    expect(await store.inner.count()).toBe(1);
  });

  it('failAlways fails until healed', async () => {
    const store = new FaultyStore(new MemoryStore());
    store.failAlways('count').failAlways('trails');

    expect(await outcome(store.count())).toBeInstanceOf(InjectedStoreError);
    expect(await outcome(store.count())).toBeInstanceOf(InjectedStoreError);

    store.heal('count');
    expect(await outcome(store.count())).toBe('ok');
    expect(await outcome(store.trails())).toBeInstanceOf(InjectedStoreError);

    store.heal();
    expect(await outcome(store.trails())).toBe('ok');
  });

  it('heal drops pending failNext failures', async () => {
    const store = new FaultyStore(new MemoryStore());
    store.failNext('query').failNext('query');

    store.heal();

    expect(await outcome(store.query())).toBe('ok');
  });

  it('every Store method can fail', async () => {
    const store = new FaultyStore(new MemoryStore());
    const calls: Record<StoreMethod, () => Promise<unknown>> = {
      tail: () => store.tail(TRAIL),
      append: () => store.append(TRAIL, []),
      query: () => store.query(),
      count: () => store.count(),
      prune: () => store.prune(TRAIL, 0),
      anchor: () => store.anchor(TRAIL),
      clear: () => store.clear(),
      trails: () => store.trails(),
      close: () => store.close(),
    };

    for (const [method, call] of Object.entries(calls) as Array<[StoreMethod, () => Promise<unknown>]>) {
      store.failNext(method);
      const error = await outcome(call());
      expect(error, method).toBeInstanceOf(InjectedStoreError);
      expect((error as InjectedStoreError).method).toBe(method);
    }
  });

  it('append faults also strike appendSync', () => {
    const store = new FaultyStore(new MemoryStore());
    store.failNext('append').failNext('tail');

    expect(() => store.appendSync!(TRAIL, buildRecords(TRAIL, 1))).toThrow(InjectedStoreError);
    expect(() => store.tailSync!(TRAIL)).toThrow(InjectedStoreError);
    store.appendSync!(TRAIL, buildRecords(TRAIL, 1));

    expect(store.tailSync!(TRAIL)?.sequence).toBe(0);
    expect(store.calls('append')).toBe(2);
    expect(store.calls('tail')).toBe(2);
  });

  it('sync methods exist only when the inner store has them', () => {
    const inner = new MemoryStore();
    const asyncOnly = new FaultyStore({
      tail: (trail) => inner.tail(trail),
      append: (trail, records) => inner.append(trail, records),
      query: (filter) => inner.query(filter),
      count: (filter) => inner.count(filter),
      prune: (trail, before) => inner.prune(trail, before),
      anchor: (trail) => inner.anchor(trail),
      clear: (trail) => inner.clear(trail),
      trails: () => inner.trails(),
      close: () => inner.close(),
    });

    expect(asyncOnly.appendSync).toBeUndefined();
    expect(asyncOnly.tailSync).toBeUndefined();
    expect(new FaultyStore(inner).appendSync).toBeTypeOf('function');
  });

  it('rejects a name that is not a Store method', () => {
    const store = new FaultyStore(new MemoryStore());
    expect(() => store.failNext('flush' as StoreMethod)).toThrow(RangeError);
    expect(() => store.failAlways('flush' as StoreMethod)).toThrow(/not a Store method/);
  });
});
