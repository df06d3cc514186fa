import type { GateBus, VetoError } from '@auditgate/bus';
import { type Clock, errResult, isPromiseLike, okResult, systemClock } from '@auditgate/gate-kit';

import { decisionFromOutcome, decisionFromStoreError } from './decide.js';
import type { Decision } from './decision.js';
import { Blocked, InvalidIdentityError, InvalidPolicyError } from './errors.js';
import { Gate } from './gate.js';
import { MemoryActionStore } from './memory-store.js';
import { Policy } from './policy.js';
import type { Result } from './result.js';
import type { ActionStore, CallOutcome } from './store.js';

/** Options of an {@link ActionGate}. */
export interface ActionGateOptions {
  /** Store of the call history. Default: a new {@link MemoryActionStore}. */
  store?: ActionStore;
  /** Time source in seconds. Default: {@link systemClock}. */
  clock?: Clock;
  /** Receives every decision as a `decision` event with gateType `'actiongate'`. */
  bus?: GateBus;
}

const NO_VETOES: readonly VetoError[] = [];

function requireArguments(gate: Gate, policy: Policy): void {
  if (!(gate instanceof Gate)) {
    throw new InvalidIdentityError('identity', gate, 'Invalid gate: expected a Gate instance; build one with new Gate(namespace, action, principal).');
  }
  if (!(policy instanceof Policy)) {
    throw new InvalidPolicyError('policy', policy, 'Invalid policy: expected a Policy instance; build one with new Policy({ maxCalls, window }).');
  }
}

/**
 * Rate limits and cooldowns for agent actions, decided before the action runs.
 *
 * @example
 * ```ts
 * const actions = new ActionGate({ bus });
 * const refund = actions.guard(new Gate('billing', 'refund', 'user:1'), new Policy({ maxCalls: 3, window: 60 }))(
 *   async (orderId: string) => payments.refund(orderId),
 * );
 * await refund('order-7'); // throws Blocked on the fourth call within a minute
 * ```
 */
export class ActionGate {
  readonly #store: ActionStore;

  readonly #clock: Clock;

  readonly #bus: GateBus | undefined;

  constructor(options: ActionGateOptions = {}) {
    this.#store = options.store ?? new MemoryActionStore();
    this.#clock = options.clock ?? systemClock;
    this.#bus = options.bus;
  }

  /**
   * Decides one call and, when allowed, records it in the store in the same atomic step.
   * The decision is emitted on the bus. `check` does not wait for listeners, so vetoes only
   * take effect through {@link guard} and {@link guardResult}. With a synchronous store the
   * call is recorded before `check` returns, and the only async cost is the returned promise.
   * Store failures become STORE_ERROR decisions and never reject.
   *
   * @throws {InvalidIdentityError} when `gate` is not a Gate instance.
   * @throws {InvalidPolicyError} when `policy` is not a Policy instance.
   */
  check(gate: Gate, policy: Policy): Promise<Decision> {
    const decided = this.#decide(gate, policy);
    if (decided instanceof Promise) {
      return decided.then((decision) => {
        void this.#publish(decision);
        return decision;
      });
    }
    void this.#publish(decided);
    return Promise.resolve(decided);
  }

  /**
   * Wraps `fn` so that every call is checked first. Under HARD a BLOCK rejects with
   * {@link Blocked} and `fn` does not run. Under SOFT `fn` runs anyway. Each call waits for
   * the bus listeners of its decision, and when any of them vetoed, `fn` does not run and the
   * first VetoError is thrown. A HARD block is thrown before a veto.
   *
   * @throws {InvalidIdentityError} or {@link InvalidPolicyError} at once for invalid arguments.
   */
  guard(gate: Gate, policy: Policy): <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => Promise<Awaited<R>> {
    requireArguments(gate, policy);
    return <A extends unknown[], R>(fn: (...args: A) => R) =>
      async (...args: A): Promise<Awaited<R>> => {
        const { stop } = await this.#decideAndDeliver(gate, policy);
        if (stop !== null) {
          throw stop;
        }
        return (await fn(...args)) as Awaited<R>;
      };
  }

  /**
   * Like {@link guard}, but a call that is stopped resolves to a {@link Result} with `ok: false`
   * instead of rejecting. Errors thrown by `fn` itself still reject.
   *
   * @throws {InvalidIdentityError} or {@link InvalidPolicyError} at once for invalid arguments.
   */
  guardResult(gate: Gate, policy: Policy): <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => Promise<Result<Awaited<R>>> {
    requireArguments(gate, policy);
    return (fn) =>
      async (...args) => {
        const { decision, stop } = await this.#decideAndDeliver(gate, policy);
        if (stop !== null) {
          return errResult(decision, stop);
        }
        return okResult(await fn(...args), decision);
      };
  }

  async #decideAndDeliver(gate: Gate, policy: Policy): Promise<{ decision: Decision; stop: Blocked | VetoError | null }> {
    const decision = await this.#decide(gate, policy);
    const report = this.#publish(decision);
    const vetoes = report === undefined ? NO_VETOES : (await report).vetoes;

    if (decision.blocked && policy.mode === 'HARD') {
      return { decision, stop: new Blocked(decision) };
    }
    return { decision, stop: vetoes[0] ?? null };
  }

  #decide(gate: Gate, policy: Policy): Decision | Promise<Decision> {
    requireArguments(gate, policy);
    const now = this.#clock.now();

    let outcome: CallOutcome | PromiseLike<CallOutcome>;
    try {
      outcome = this.#store.checkAndReserve(gate.key, policy, now);
    } catch (error) {
      return decisionFromStoreError(gate, policy, error);
    }

    if (isPromiseLike(outcome)) {
      return Promise.resolve(outcome).then(
        (settled) => decisionFromOutcome(gate, policy, settled),
        (error: unknown) => decisionFromStoreError(gate, policy, error),
      );
    }
    return decisionFromOutcome(gate, policy, outcome);
  }

  #publish(decision: Decision) {
    const bus = this.#bus;
    // Building the wire form costs an allocation, so it is skipped when no listener is registered.
    if (bus === undefined || bus.listenerCount('decision') === 0) {
      return undefined;
    }
    return bus.emit('decision', {
      gateType: 'actiongate',
      identity: decision.gate.key,
      decision,
      wire: decision.toWire(),
    });
  }
}
