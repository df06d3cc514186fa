/**
 * Runs tasks one at a time per key, in the order they were queued; tasks of different keys run
 * concurrently. A failed task does not stop the ones queued after it.
 */
export class SerialQueue {
  readonly #last = new Map<string, Promise<void>>();

  /** Queues `task` behind the tasks already queued for `key`; settles with its outcome. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#last.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.#last.set(key, settled);
    void settled.then(() => {
      if (this.#last.get(key) === settled) this.#last.delete(key);
    });
    return result;
  }

  /** Resolves once every task queued so far has settled. */
  async idle(): Promise<void> {
    while (this.#last.size > 0) await Promise.all(this.#last.values());
  }
}
