/**
 * Reservation ids ordered by expiry time, as a binary min-heap. Entries of reservations that
 * were settled early stay until they reach the top and are then skipped by the caller, which
 * keeps settling O(1) and expiry O(log n) per reservation.
 */
export class ExpiryQueue {
  readonly #times: number[] = [];

  readonly #ids: string[] = [];

  get size(): number {
    return this.#times.length;
  }

  /** Adds `id`, expiring at `time`. */
  push(time: number, id: string): void {
    this.#times.push(time);
    this.#ids.push(id);
    this.#siftUp(this.#times.length - 1);
  }

  /** Removes and returns the id with the earliest expiry if that expiry is ≤ `now`, otherwise null. */
  popExpired(now: number): string | null {
    if (this.#times.length === 0 || (this.#times[0] as number) > now) {
      return null;
    }

    const id = this.#ids[0] as string;
    const lastTime = this.#times.pop() as number;
    const lastId = this.#ids.pop() as string;
    if (this.#times.length > 0) {
      this.#times[0] = lastTime;
      this.#ids[0] = lastId;
      this.#siftDown(0);
    }
    return id;
  }

  #siftUp(index: number): void {
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if ((this.#times[parent] as number) <= (this.#times[child] as number)) {
        return;
      }
      this.#swap(parent, child);
      child = parent;
    }
  }

  #siftDown(index: number): void {
    const length = this.#times.length;
    let parent = index;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < length && (this.#times[left] as number) < (this.#times[smallest] as number)) {
        smallest = left;
      }
      if (right < length && (this.#times[right] as number) < (this.#times[smallest] as number)) {
        smallest = right;
      }
      if (smallest === parent) {
        return;
      }
      this.#swap(parent, smallest);
      parent = smallest;
    }
  }

  #swap(a: number, b: number): void {
    [this.#times[a], this.#times[b]] = [this.#times[b] as number, this.#times[a] as number];
    [this.#ids[a], this.#ids[b]] = [this.#ids[b] as string, this.#ids[a] as string];
  }
}
