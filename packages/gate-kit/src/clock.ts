/** Source of the current time in seconds (float). */
export interface Clock {
  now(): number;
}

/**
 * Wall-clock seconds since the Unix epoch. Based on `performance.now()`, so readings never
 * go backwards within a process even when the system clock is adjusted.
 */
export const systemClock: Clock = {
  now: () => (performance.timeOrigin + performance.now()) / 1000,
};

/** Clock that moves only through `advance` and `set`, for tests and simulations. */
export class ManualClock implements Clock {
  #seconds: number;

  /** @param start - Initial reading in seconds, default 0. */
  constructor(start = 0) {
    this.#seconds = ManualClock.#finite(start, 'start');
  }

  now(): number {
    return this.#seconds;
  }

  /**
   * Moves the clock by `seconds`. A negative value moves it back.
   *
   * @throws {RangeError} when `seconds` is not a finite number.
   */
  advance(seconds: number): void {
    this.#seconds += ManualClock.#finite(seconds, 'seconds');
  }

  /**
   * Sets the reading to `seconds`.
   *
   * @throws {RangeError} when `seconds` is not a finite number.
   */
  set(seconds: number): void {
    this.#seconds = ManualClock.#finite(seconds, 'seconds');
  }

  static #finite(value: number, label: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`Invalid ManualClock ${label} ${String(value)}: expected a finite number of seconds.`);
    }
    return value;
  }
}
