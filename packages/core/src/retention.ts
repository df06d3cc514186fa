import type { Clock } from './clock.js';
import type { Store } from './store.js';

/** Seconds between two prunes of the same trail, so that busy trails do not prune on every record. */
const PRUNE_INTERVAL_SECONDS = 1;

/**
 * Best-effort retention: after a record, prunes the trail's entries older than its retention,
 * at most once per interval per trail, in the background. A failed prune is counted and never
 * fails a record.
 */
/** Removes a trail's entries with ts < `before` and returns how many went. */
export type Pruner = (trail: string, before: number) => Promise<number>;

export class Retention {
  #errors = 0;
  /** Replaces the store's own prune, such as with one that signs a checkpoint first. */
  pruner: Pruner | null = null;
  readonly #lastPrune = new Map<string, number>();
  readonly #running = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  get errors(): number {
    return this.#errors;
  }

  maybePrune(trail: string, retentionSeconds: number): void {
    const now = this.clock();
    const last = this.#lastPrune.get(trail);
    if (last !== undefined && now - last < PRUNE_INTERVAL_SECONDS) return;
    this.#lastPrune.set(trail, now);

    const prune = this.pruner ?? ((name: string, before: number) => this.store.prune(name, before));
    const run = prune(trail, now - retentionSeconds).then(
      () => undefined,
      () => {
        this.#errors++;
      },
    );
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  async settled(): Promise<void> {
    await Promise.all(this.#running);
  }
}
