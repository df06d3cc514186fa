const INITIAL_CAPACITY = 8;

/**
 * Timestamps of the calls recorded for one gate, oldest first, in a growable ring buffer.
 * Appending and dropping the oldest entry are O(1) amortized, so a check costs the same
 * with a million calls in the window as with one.
 */
export class CallHistory {
  // The capacity stays a power of two so that `& mask` replaces a modulo.
  #times = new Float64Array(INITIAL_CAPACITY);

  #mask = INITIAL_CAPACITY - 1;

  #head = 0;

  #size = 0;

  /** Number of recorded calls. */
  get size(): number {
    return this.#size;
  }

  /** Timestamp of the most recent call, or null when there is none. */
  get last(): number | null {
    if (this.#size === 0) {
      return null;
    }
    return this.#times[(this.#head + this.#size - 1) & this.#mask] ?? null;
  }

  /** Drops calls older than `cutoff` from the front. A call at exactly `cutoff` stays. */
  dropOlderThan(cutoff: number): void {
    const times = this.#times;
    while (this.#size > 0 && (times[this.#head] as number) < cutoff) {
      this.#head = (this.#head + 1) & this.#mask;
      this.#size -= 1;
    }
  }

  /** Appends a call at `time`. */
  append(time: number): void {
    if (this.#size === this.#times.length) {
      this.#grow();
    }
    this.#times[(this.#head + this.#size) & this.#mask] = time;
    this.#size += 1;
  }

  #grow(): void {
    const grown = new Float64Array(this.#times.length * 2);
    for (let i = 0; i < this.#size; i += 1) {
      grown[i] = this.#times[(this.#head + i) & this.#mask] as number;
    }
    this.#times = grown;
    this.#mask = grown.length - 1;
    this.#head = 0;
  }
}
