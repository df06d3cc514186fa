const INITIAL_CAPACITY = 8;

/**
 * Committed spends of one ledger, oldest first, in a growable ring buffer with a running
 * total. Appending and expiring from the front are O(1) amortized, so a check costs the same
 * with a million spends in the window as with one.
 */
export class SpendHistory {
  // The capacity stays a power of two so that `& mask` replaces a modulo.
  #times = new Float64Array(INITIAL_CAPACITY);

  #amounts: bigint[] = new Array<bigint>(INITIAL_CAPACITY).fill(0n);

  #mask = INITIAL_CAPACITY - 1;

  #head = 0;

  #size = 0;

  #total = 0n;

  /** Sum of the amounts held, in minor units. */
  get total(): bigint {
    return this.#total;
  }

  /** Number of spends held. */
  get size(): number {
    return this.#size;
  }

  /** Drops spends older than `cutoff` from the front. A spend at exactly `cutoff` stays. */
  dropOlderThan(cutoff: number): void {
    while (this.#size > 0 && (this.#times[this.#head] as number) < cutoff) {
      this.#total -= this.#amounts[this.#head] as bigint;
      this.#amounts[this.#head] = 0n;
      this.#head = (this.#head + 1) & this.#mask;
      this.#size -= 1;
    }
  }

  /** Appends a spend of `amount` at `time`. */
  append(time: number, amount: bigint): void {
    if (this.#size === this.#times.length) {
      this.#grow();
    }
    const slot = (this.#head + this.#size) & this.#mask;
    this.#times[slot] = time;
    this.#amounts[slot] = amount;
    this.#size += 1;
    this.#total += amount;
  }

  /** Empties the history and returns the total it held. */
  takeAll(): bigint {
    if (this.#size === 0) {
      return 0n;
    }

    const total = this.#total;
    this.#times = new Float64Array(INITIAL_CAPACITY);
    this.#amounts = new Array<bigint>(INITIAL_CAPACITY).fill(0n);
    this.#mask = INITIAL_CAPACITY - 1;
    this.#head = 0;
    this.#size = 0;
    this.#total = 0n;
    return total;
  }

  #grow(): void {
    const capacity = this.#times.length * 2;
    const times = new Float64Array(capacity);
    const amounts = new Array<bigint>(capacity).fill(0n);
    for (let i = 0; i < this.#size; i += 1) {
      const slot = (this.#head + i) & this.#mask;
      times[i] = this.#times[slot] as number;
      amounts[i] = this.#amounts[slot] as bigint;
    }
    this.#times = times;
    this.#amounts = amounts;
    this.#mask = capacity - 1;
    this.#head = 0;
  }
}
