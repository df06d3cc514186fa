import { CallHistory } from './call-history.js';
import type { ActionStore, CallLimits, CallOutcome } from './store.js';

/**
 * Single-process {@link ActionStore}. Every step runs synchronously, so JavaScript's single
 * thread makes check-and-reserve atomic without locks.
 *
 * Memory: one ring buffer per gate key, holding at most `maxCalls` timestamps (8 bytes each)
 * while the policy stays the same. Keys are never evicted on their own, so call {@link clear}
 * for gates that are gone.
 */
export class MemoryActionStore implements ActionStore {
  readonly #histories = new Map<string, CallHistory>();

  checkAndReserve(key: string, limits: CallLimits, now: number): CallOutcome {
    let history = this.#histories.get(key);
    if (history === undefined) {
      history = new CallHistory();
      this.#histories.set(key, history);
    }

    if (limits.window !== null) {
      history.dropOlderThan(now - limits.window);
    }

    const count = history.size;
    const last = history.last;
    const timeSinceLast = last === null ? null : now - last;

    if (limits.cooldown > 0 && timeSinceLast !== null && timeSinceLast < limits.cooldown) {
      return { allowed: false, reason: 'COOLDOWN', callsInWindow: count, timeSinceLast };
    }
    if (count >= limits.maxCalls) {
      return { allowed: false, reason: 'RATE_LIMIT', callsInWindow: count, timeSinceLast };
    }

    history.append(now);
    return { allowed: true, reason: null, callsInWindow: count + 1, timeSinceLast };
  }

  /** Forgets the history of one gate key, or of every key when called without one. */
  clear(key?: string): void {
    if (key === undefined) {
      this.#histories.clear();
    } else {
      this.#histories.delete(key);
    }
  }

  /** Number of gate keys with a history. */
  get size(): number {
    return this.#histories.size;
  }
}
