import type { BudgetStore } from './store.js';

/** A store whose every method throws synchronously, as a client with a closed connection does. */
export const throwingStore: BudgetStore = {
  checkAndReserve() {
    throw new Error('connection refused');
  },
  commit() {
    throw new Error('connection refused');
  },
  release() {
    throw new Error('connection refused');
  },
};

/** A store whose every method rejects, as a client whose request timed out does. */
export const rejectingStore: BudgetStore = {
  checkAndReserve: () => Promise.reject(new Error('timed out')),
  commit: () => Promise.reject(new Error('timed out')),
  release: () => Promise.reject(new Error('timed out')),
};

/** Wraps `inner` so that each call responds after a macrotask, as a network store would. */
export function delayed(inner: BudgetStore): BudgetStore {
  const later = <T>(run: () => T | PromiseLike<T>) => new Promise<T>((resolve, reject) => setTimeout(() => Promise.resolve().then(run).then(resolve, reject), 0));
  return {
    checkAndReserve: (key, request, now) => later(() => inner.checkAndReserve(key, request, now)),
    commit: (key, id, actual, now) => later(() => inner.commit(key, id, actual, now)),
    release: (key, id, now) => later(() => inner.release(key, id, now)),
  };
}
