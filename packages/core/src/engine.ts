import { systemClock, type Clock } from './clock.js';
import { AuditError, type Decision } from './decision.js';
import type { AuditEntry } from './entry.js';
import { severityRank } from './enums.js';
import { ValidationError } from './errors.js';
import { auditPolicy, type AuditPolicy } from './policy.js';
import { prepareInput, type RecordInput } from './record-input.js';
import { Result } from './result.js';
import type { QueryFilter, Store } from './store.js';
import { Trail } from './trail.js';
import { TrailWriter } from './trail-writer.js';
import { Retention, type Pruner } from './retention.js';
import { TrailCache } from './trail-cache.js';

export interface EngineOptions {
  readonly store: Store;
  /**
   * Seconds since the epoch; defaults to the system clock. An object with a `now()` method, such
   * as the gates' `ManualClock`, works too, so one clock can drive gates and trails.
   */
  readonly clock?: Clock | { now(): number };
  /** Written into every entry's `recorded_by` unless a record overrides it. Default "". */
  readonly recordedBy?: string;
  /** The policy of trails that were never registered. Default: HARD, FAIL_CLOSED, DEBUG, HASH. */
  readonly defaultPolicy?: Partial<AuditPolicy>;
  /** Most entries one append sends to the store. Default 256. */
  readonly maxBatch?: number;
}

/** Latest ts a clock may return: 1e11 seconds is about the year 5138, far beyond any real clock. */
const MAX_CLOCK_SECONDS = 1e11;

// A broken clock is a configuration error, not a store failure: it rejects the record outright.
function isClockError(error: unknown): boolean {
  return error instanceof ValidationError && error.code === 'INVALID_CLOCK';
}

function toClock(clock: EngineOptions['clock']): Clock {
  let read: Clock;
  if (clock === undefined) read = systemClock;
  else if (typeof clock === 'function') read = clock;
  else if (typeof clock === 'object' && clock !== null && typeof clock.now === 'function') read = () => clock.now();
  else throw new ValidationError('clock', 'expected a function returning epoch seconds, or an object with a now() method');

  // A NaN, infinite, negative or absurd ts would be stored and then break readers of the trail.
  return () => {
    const seconds = read();
    if (typeof seconds !== 'number' || !(seconds >= 0 && seconds < MAX_CLOCK_SECONDS)) {
      throw new ValidationError('clock', `returned ${String(seconds)}; expected seconds since the epoch from 0 to ${MAX_CLOCK_SECONDS}`, 'INVALID_CLOCK');
    }
    return seconds;
  };
}

/** The entry a guarded action records before it runs: a record input without the trail. */
export type GuardInput = Omit<RecordInput, 'trail'>;

export type DecisionListener = (decision: Decision) => void;

/**
 * Records decisions into trails, write-ahead of the actions they permit.
 *
 * @example
 * const engine = new Engine({ store: new MemoryStore() });
 * const trail = new Trail('billing', 'actiongate', 'user:42');
 * engine.register(trail, { integrity: 'CHAIN' });
 * const refund = await engine.guard(trail, {
 *   verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'billing:refund@user:42',
 * })(() => payments.refund(42));
 */
export class Engine {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #recordedBy: string;
  readonly #defaultPolicy: AuditPolicy;
  readonly #maxBatch: number;
  readonly #policies = new Map<string, AuditPolicy>();
  readonly #trails = new TrailCache();
  readonly #writers = new Map<string, TrailWriter>();
  readonly #listeners = new Set<DecisionListener>();
  readonly #closeHooks: Array<() => Promise<void> | void> = [];
  readonly #retention: Retention;
  #listenerErrors = 0;
  #closed = false;

  /** @throws {ValidationError} on an invalid default policy or batch size. */
  constructor(options: EngineOptions) {
    const store: unknown = options?.store;
    if (typeof store !== 'object' || store === null || typeof (store as Store).append !== 'function' || typeof (store as Store).tail !== 'function') {
      throw new ValidationError('store', 'an Engine needs a store, such as new MemoryStore()');
    }
    const maxBatch = options.maxBatch ?? 256;
    if (!Number.isSafeInteger(maxBatch) || maxBatch < 1) {
      throw new ValidationError('maxBatch', `expected a whole number >= 1, got ${String(maxBatch)}`);
    }
    this.#store = options.store;
    this.#clock = toClock(options.clock);
    this.#recordedBy = options.recordedBy ?? '';
    this.#defaultPolicy = auditPolicy(options.defaultPolicy);
    this.#maxBatch = maxBatch;
    this.#retention = new Retention(this.#store, this.#clock);
  }

  get store(): Store {
    return this.#store;
  }

  /** The policy of trails that were never registered. */
  get defaultPolicy(): AuditPolicy {
    return this.#defaultPolicy;
  }

  /** How many times a decision listener threw. */
  get listenerErrors(): number {
    return this.#listenerErrors;
  }

  /** How many best-effort retention prunes failed. */
  get pruneErrors(): number {
    return this.#retention.errors;
  }

  /**
   * Sets a trail's policy and returns it complete. Registering again replaces the policy for
   * entries recorded from then on.
   *
   * @throws {ValidationError} on a bad trail or policy option.
   */
  register(trail: Trail | string, policy: Partial<AuditPolicy> = {}): AuditPolicy {
    const complete = auditPolicy(policy);
    this.#policies.set(Trail.from(trail).toString(), complete);
    return complete;
  }

  /** Returns the policy that applies to a trail: its registered one, or the default. */
  policyOf(trail: Trail | string): AuditPolicy {
    return this.#policies.get(Trail.from(trail).toString()) ?? this.#defaultPolicy;
  }

  /**
   * Records one entry. Resolves with RECORDED once the store contains it, or with DROPPED when the
   * entry is below the trail's minSeverity, or when the store failed under SOFT mode.
   *
   * @throws {ValidationError} on bad input; nothing is recorded.
   * @throws {AuditError} when the store failed under HARD mode.
   */
  record(input: RecordInput): Promise<Decision> {
    try {
      const written = this.#write(input);
      if (written instanceof Promise) return written.then((decision) => this.#reportHard(decision));
      return Promise.resolve(this.#reportHard(written));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Wraps an action so that its entry is recorded before it runs. When the entry cannot be
   * recorded, FAIL_CLOSED throws `AuditError` without running the action, and FAIL_OPEN runs it
   * unaudited. An entry dropped for its severity does not stop the action.
   *
   * @throws {ValidationError} on bad input; the action does not run.
   */
  guard(trail: Trail | string, input: GuardInput): <T>(action: () => T | Promise<T>) => Promise<T> {
    return async (action) => {
      const decision = await this.#write({ ...input, trail });
      if (decision.reason === 'STORE_ERROR' && decision.policy.onStoreError === 'FAIL_CLOSED') {
        throw new AuditError(decision);
      }
      return action();
    };
  }

  /**
   * Like {@link guard}, but reports the audit outcome as a {@link Result} instead of throwing
   * `AuditError`. An error thrown by the action itself still rejects the returned promise.
   */
  guardResult(trail: Trail | string, input: GuardInput): <T>(action: () => T | Promise<T>) => Promise<Result<T>> {
    return async (action) => {
      const decision = await this.#write({ ...input, trail });
      if (decision.reason === 'STORE_ERROR' && decision.policy.onStoreError === 'FAIL_CLOSED') {
        return Result.stopped(decision);
      }
      return Result.ran(decision, await action());
    };
  }

  /** Returns stored entries that match `filter`; see {@link QueryFilter}. */
  query(filter: QueryFilter = {}): Promise<AuditEntry[]> {
    return this.#store.query(filter);
  }

  /** Counts stored entries that match `filter`, ignoring offset and limit. */
  count(filter: QueryFilter = {}): Promise<number> {
    return this.#store.count(filter);
  }

  /**
   * Calls `listener` with every decision, RECORDED or DROPPED, after the fact. A listener that
   * throws is counted in {@link listenerErrors} and never affects recording.
   *
   * @returns a function that removes the listener.
   */
  onDecision(listener: DecisionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Makes retention prune through `pruner` instead of the store's `prune`. A checkpointer uses
   * this to sign a checkpoint at the prune point before entries go, so that the rest of the trail
   * still verifies. The pruner must not wait for {@link flush}, which waits for running prunes.
   */
  setPruner(pruner: Pruner): void {
    this.#retention.pruner = pruner;
  }

  /** Runs `hook` during {@link close}, after every pending entry is written and before the store closes. */
  onClose(hook: () => Promise<void> | void): void {
    this.#closeHooks.push(hook);
  }

  /** Resolves once every entry recorded so far has been written or has failed. */
  async flush(): Promise<void> {
    await Promise.all([...this.#writers.values()].map((writer) => writer.settled()));
    await this.#retention.settled();
  }

  /** Flushes, runs the close hooks, then closes the store. Recording after close is an error. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.flush();
    for (const hook of this.#closeHooks) await hook();
    await this.#store.close();
  }

  // Returns the decision synchronously when the store appended synchronously.
  #write(input: RecordInput): Decision | Promise<Decision> {
    if (this.#closed) throw new ValidationError('engine', 'the engine is closed; create a new Engine to record more', 'ENGINE_CLOSED');
    const prepared = prepareInput(input, this.#recordedBy, this.#trails);
    const key = prepared.trail.toString();
    const policy = this.#policies.get(key) ?? this.#defaultPolicy;

    if (severityRank(prepared.severity) < severityRank(policy.minSeverity)) {
      return this.#announce({ status: 'DROPPED', trail: prepared.trail, policy, entry: null, reason: 'BELOW_MIN_SEVERITY' });
    }

    let writer = this.#writers.get(key);
    if (writer === undefined) {
      writer = new TrailWriter(this.#store, key, this.#clock, this.#maxBatch);
      this.#writers.set(key, writer);
    }

    let written: AuditEntry | Promise<AuditEntry>;
    try {
      written = writer.write(prepared, policy);
    } catch (error) {
      if (isClockError(error)) throw error;
      return this.#dropped(prepared.trail, policy, error);
    }
    if (written instanceof Promise) {
      return written.then(
        (entry) => this.#recorded(prepared.trail, policy, entry),
        (error: unknown) => {
          if (isClockError(error)) throw error;
          return this.#dropped(prepared.trail, policy, error);
        },
      );
    }
    return this.#recorded(prepared.trail, policy, written);
  }

  #recorded(trail: Trail, policy: AuditPolicy, entry: AuditEntry): Decision {
    if (policy.retentionSeconds !== null) this.#retention.maybePrune(entry.trail, policy.retentionSeconds);
    return this.#announce({ status: 'RECORDED', trail, policy, entry, reason: null });
  }

  #dropped(trail: Trail, policy: AuditPolicy, error: unknown): Decision {
    return this.#announce({ status: 'DROPPED', trail, policy, entry: null, reason: 'STORE_ERROR', error });
  }

  // record() under HARD reports a store failure by throwing.
  #reportHard(decision: Decision): Decision {
    if (decision.reason === 'STORE_ERROR' && decision.policy.mode === 'HARD') throw new AuditError(decision);
    return decision;
  }

  #announce(decision: Decision): Decision {
    for (const listener of this.#listeners) {
      try {
        listener(decision);
      } catch {
        this.#listenerErrors++;
      }
    }
    return decision;
  }
}
