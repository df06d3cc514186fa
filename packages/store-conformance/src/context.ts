import type { Store } from '@auditgate/core';
import { it, type TestContext } from 'vitest';

/** A store for one conformance test, with what the suite needs to clean up after it. */
export interface StoreUnderTest {
  /** An empty store. */
  readonly store: Store;
  /** Removes what the store left behind, such as a temporary directory. Runs after the store is closed. */
  cleanup?(): Promise<void>;
  /**
   * Opens a fresh store instance over the same persistent data, as after a process restart. The
   * suite closes the previous instance first. Stores that keep nothing leave this out, and the
   * restart tests are then skipped.
   */
  reopen?(): Promise<Store>;
}

/** Creates a fresh, empty store for each test. */
export type StoreFactory = () => Promise<StoreUnderTest> | StoreUnderTest;

/** Settings of one {@link describeStoreConformance} run. */
export interface ConformanceOptions {
  /**
   * Tests that this store is known to fail, as `"section > test name"`. They run with `it.fails`,
   * so they turn red once the store is fixed and the entry can go. A name that matches no test
   * makes the suite fail.
   */
  readonly knownFailures?: readonly string[];
  /** Timeout of each test in milliseconds. Default 30,000. */
  readonly timeoutMs?: number;
}

/** A test body; it gets vitest's test context, for `skip()`. */
export type TestBody = (context: TestContext) => Promise<void>;

/**
 * State that every section of the suite shares: the store of the running test, reopening it,
 * and registering tests with known failures marked.
 */
export class ConformanceContext {
  #subject: StoreUnderTest | undefined;
  #store: Store | undefined;
  #storeClosed = false;
  readonly #knownFailures: Set<string>;
  readonly #matched = new Set<string>();
  readonly #timeoutMs: number;

  constructor(options: ConformanceOptions) {
    this.#knownFailures = new Set(options.knownFailures ?? []);
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** The store of the running test. */
  get store(): Store {
    if (this.#store === undefined) throw new Error('no store under test: the factory has not run for this test');
    return this.#store;
  }

  /** Whether the store under test can be reopened over the same data. */
  get canReopen(): boolean {
    return this.#subject?.reopen !== undefined;
  }

  /** Known failures that matched no registered test. */
  get unmatchedKnownFailures(): string[] {
    return [...this.#knownFailures].filter((name) => !this.#matched.has(name));
  }

  async start(factory: StoreFactory): Promise<void> {
    this.#subject = await factory();
    this.#store = this.#subject.store;
    this.#storeClosed = false;
  }

  /** Closes the running test's store, unless a test already did, then cleans up. */
  async finish(): Promise<void> {
    const subject = this.#subject;
    this.#subject = undefined;
    try {
      if (this.#store !== undefined && !this.#storeClosed) await this.#store.close();
    } finally {
      this.#store = undefined;
      await subject?.cleanup?.();
    }
  }

  /** Closes the current store and returns a fresh instance over the same data, which becomes current. */
  async reopen(): Promise<Store> {
    const reopen = this.#subject?.reopen;
    if (reopen === undefined) throw new Error('the store under test has no reopen()');

    await this.store.close();
    this.#storeClosed = true;
    this.#store = await reopen.call(this.#subject);
    this.#storeClosed = false;
    return this.#store;
  }

  /** Registers one test of `section`; a known failure runs with `it.fails`. */
  test(section: string, name: string, body: TestBody): void {
    const id = `${section} > ${name}`;
    const known = this.#knownFailures.has(id);
    if (known) this.#matched.add(id);
    (known ? it.fails : it)(name, body, this.#timeoutMs);
  }
}
