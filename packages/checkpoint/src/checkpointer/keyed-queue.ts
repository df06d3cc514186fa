/**
 * Runs tasks one at a time per key, in the order they were queued, while tasks of different
 * keys run concurrently. A failed task does not stop the tasks queued after it.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);

    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      // Forget idle keys, so that the map does not grow with every trail ever seen.
      if (this.#tails.get(key) === tail) {
        this.#tails.delete(key);
      }
    });
    return result;
  }

  /** Resolves once every task queued so far has finished. */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) {
      await Promise.all(this.#tails.values());
    }
  }
}
