import {
  AuditgateError,
  type AppendRecord,
  type AuditEntry,
  type QueryFilter,
  type Store,
  type TrailAnchor,
  type TrailTail,
} from '@auditgate/core';

/**
 * A Store operation that can be made to fail. `append` also covers the optional `appendSync`,
 * and `tail` covers `tailSync`, so a test does not depend on which path the engine takes.
 */
export type StoreMethod = Exclude<keyof Store, 'appendSync' | 'tailSync'>;

/**
 * When an injected failure strikes. `before`: the call fails without reaching the wrapped
 * store. `after`: the wrapped store completes the call, then the caller gets the error, as when
 * a reply is lost on the way back.
 */
export type FaultTiming = 'before' | 'after';

/** The error a {@link FaultyStore} throws when no other error was given. */
export class InjectedStoreError extends AuditgateError {
  readonly method: StoreMethod;

  constructor(method: StoreMethod) {
    super('INJECTED_STORE_FAILURE', `injected failure of Store.${method}`);
    this.method = method;
  }
}

interface Fault {
  readonly error: unknown;
  readonly timing: FaultTiming;
}

const STORE_METHODS: readonly StoreMethod[] = ['tail', 'append', 'query', 'count', 'prune', 'anchor', 'clear', 'trails', 'close'];

/**
 * Wraps a store and makes chosen methods fail on demand, to test how writers behave when a
 * store fails. Calls that are not set to fail go straight to the wrapped store. The wrapper has
 * `appendSync` and `tailSync` exactly when the wrapped store has them.
 *
 * @example
 * const store = new FaultyStore(new MemoryStore());
 * store.failNext('append');
 * await engine.record(input); // the append fails once, then the store works again
 */
export class FaultyStore implements Store {
  readonly inner: Store;
  readonly #next = new Map<StoreMethod, Fault[]>();
  readonly #always = new Map<StoreMethod, Fault>();
  readonly #calls = new Map<StoreMethod, number>();
  readonly appendSync?: (trail: string, records: readonly AppendRecord[]) => void;
  readonly tailSync?: (trail: string) => TrailTail | null;

  constructor(inner: Store) {
    this.inner = inner;

    const { appendSync, tailSync } = inner;
    if (appendSync !== undefined) {
      this.appendSync = (trail, records) => this.#callSync('append', () => appendSync.call(inner, trail, records));
    }
    if (tailSync !== undefined) {
      this.tailSync = (trail) => this.#callSync('tail', () => tailSync.call(inner, trail));
    }
  }

  /**
   * Makes the next call of `method` fail with `error` (default: an {@link InjectedStoreError}).
   * Each call queues one more failure, used in order.
   */
  failNext(method: StoreMethod, error?: unknown, timing: FaultTiming = 'before'): this {
    checkMethod(method);
    const queue = this.#next.get(method) ?? [];
    queue.push({ error: error ?? new InjectedStoreError(method), timing });
    this.#next.set(method, queue);
    return this;
  }

  /** Makes every call of `method` fail until {@link heal} is called. */
  failAlways(method: StoreMethod, error?: unknown, timing: FaultTiming = 'before'): this {
    checkMethod(method);
    this.#always.set(method, { error: error ?? new InjectedStoreError(method), timing });
    return this;
  }

  /** Removes the pending and permanent failures of `method`, or of every method. */
  heal(method?: StoreMethod): this {
    if (method === undefined) {
      this.#next.clear();
      this.#always.clear();
    } else {
      this.#next.delete(method);
      this.#always.delete(method);
    }
    return this;
  }

  /** Returns how many times `method` was called, failed calls and its synchronous variant included. */
  calls(method: StoreMethod): number {
    return this.#calls.get(method) ?? 0;
  }

  tail(trail: string): Promise<TrailTail | null> {
    return this.#call('tail', () => this.inner.tail(trail));
  }

  append(trail: string, records: readonly AppendRecord[]): Promise<void> {
    return this.#call('append', () => this.inner.append(trail, records));
  }

  query(filter?: QueryFilter): Promise<AuditEntry[]> {
    return this.#call('query', () => this.inner.query(filter));
  }

  count(filter?: QueryFilter): Promise<number> {
    return this.#call('count', () => this.inner.count(filter));
  }

  prune(trail: string, before: number): Promise<number> {
    return this.#call('prune', () => this.inner.prune(trail, before));
  }

  anchor(trail: string): Promise<TrailAnchor | null> {
    return this.#call('anchor', () => this.inner.anchor(trail));
  }

  clear(trail?: string): Promise<void> {
    return this.#call('clear', () => this.inner.clear(trail));
  }

  trails(): Promise<string[]> {
    return this.#call('trails', () => this.inner.trails());
  }

  close(): Promise<void> {
    return this.#call('close', () => this.inner.close());
  }

  async #call<T>(method: StoreMethod, run: () => Promise<T>): Promise<T> {
    const fault = this.#takeFault(method);
    if (fault === undefined) return run();

    if (fault.timing === 'after') await run();
    throw fault.error;
  }

  #callSync<T>(method: StoreMethod, run: () => T): T {
    const fault = this.#takeFault(method);
    if (fault === undefined) return run();

    if (fault.timing === 'after') run();
    throw fault.error;
  }

  #takeFault(method: StoreMethod): Fault | undefined {
    this.#calls.set(method, this.calls(method) + 1);
    return this.#next.get(method)?.shift() ?? this.#always.get(method);
  }
}

function checkMethod(method: StoreMethod): void {
  if (!STORE_METHODS.includes(method)) {
    throw new RangeError(`FaultyStore: ${JSON.stringify(method)} is not a Store method; expected one of ${STORE_METHODS.join(', ')}`);
  }
}
