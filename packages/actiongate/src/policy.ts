import { isMode, isStoreErrorMode, Mode, StoreErrorMode } from '@auditgate/gate-kit';

import { InvalidPolicyError } from './errors.js';

/** Options of a {@link Policy}. `maxCalls` and `window` are required so that no limit is implied. */
export interface PolicyOptions {
  /** Calls allowed within `window`, an integer ≥ 0. */
  maxCalls: number;
  /** Rolling window in seconds (> 0), or null to count every call ever allowed. */
  window: number | null;
  /** Minimum seconds between two allowed calls, ≥ 0. Default: 0. */
  cooldown?: number;
  /** Default `'HARD'`. */
  mode?: Mode;
  /** Default `'FAIL_CLOSED'`. */
  onStoreError?: StoreErrorMode;
}

function invalid(field: string, value: unknown, expected: string): InvalidPolicyError {
  const quoted = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new InvalidPolicyError(field, value, `Invalid policy ${field} ${quoted}: expected ${expected}.`);
}

/**
 * Rate limit and cooldown for one gate, validated and frozen on construction.
 *
 * @example
 * ```ts
 * new Policy({ maxCalls: 5, window: 60, cooldown: 2 });
 * ```
 */
export class Policy {
  readonly maxCalls: number;

  readonly window: number | null;

  readonly cooldown: number;

  readonly mode: Mode;

  readonly onStoreError: StoreErrorMode;

  // Makes the class nominal, so a plain object literal cannot bypass validation.
  readonly #validated = true;

  /** @throws {InvalidPolicyError} naming the invalid field. */
  constructor(options: PolicyOptions) {
    const { maxCalls, window, cooldown = 0, mode = Mode.HARD, onStoreError = StoreErrorMode.FAIL_CLOSED } = options;

    if (!Number.isSafeInteger(maxCalls) || maxCalls < 0) {
      throw invalid('maxCalls', maxCalls, 'an integer ≥ 0');
    }
    if (window !== null && (typeof window !== 'number' || !Number.isFinite(window) || window <= 0)) {
      throw invalid('window', window, 'a finite number of seconds > 0, or null for no window');
    }
    if (typeof cooldown !== 'number' || !Number.isFinite(cooldown) || cooldown < 0) {
      throw invalid('cooldown', cooldown, 'a finite number of seconds ≥ 0');
    }
    if (!isMode(mode)) {
      throw invalid('mode', mode, "'HARD' or 'SOFT'");
    }
    if (!isStoreErrorMode(onStoreError)) {
      throw invalid('onStoreError', onStoreError, "'FAIL_CLOSED' or 'FAIL_OPEN'");
    }

    this.maxCalls = maxCalls;
    this.window = window;
    this.cooldown = cooldown;
    this.mode = mode;
    this.onStoreError = onStoreError;
    Object.freeze(this);
  }
}
