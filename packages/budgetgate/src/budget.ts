import { isMode, isStoreErrorMode, Mode, StoreErrorMode } from '@auditgate/gate-kit';

import { Decimal, type DecimalInput } from './decimal.js';
import { AmountPrecisionError, InvalidAmountError, InvalidBudgetError } from './errors.js';

/** Decimal places a budget stores when none is given: 6, so one unit is a millionth (a micro-dollar). */
export const DEFAULT_SCALE = 6;

/**
 * Largest scale accepted. The memory store is exact at any size. A store that keeps minor units
 * in signed 64-bit integers (Redis INCRBY) also needs every sum × 10^scale to stay below 2^63.
 */
export const MAX_SCALE = 18;

/** Options of a {@link Budget}. `maxSpend` and `window` are required so that no limit is implied. */
export interface BudgetOptions {
  /** Maximum spend within `window`, exact and ≥ 0. */
  maxSpend: DecimalInput;
  /** Rolling window in seconds (> 0), or null to count every spend ever made. */
  window: number | null;
  /** Default `'HARD'`. */
  mode?: Mode;
  /** Default `'FAIL_CLOSED'`. */
  onStoreError?: StoreErrorMode;
  /**
   * Decimal places of the smallest unit the store counts in: an integer from 0 to 18, default 6.
   * Amounts with more places are rejected, never rounded. Use the same scale for every budget
   * of one ledger, because the memory store rejects a second scale.
   */
  scale?: number;
}

function invalid(field: string, value: unknown, expected: string): InvalidBudgetError {
  const quoted = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new InvalidBudgetError(field, value, `Invalid budget ${field} ${quoted}: expected ${expected}.`);
}

/**
 * Spend limit for one ledger, validated and frozen on construction.
 *
 * @example
 * ```ts
 * new Budget({ maxSpend: '10.00', window: 3600 });
 * ```
 */
export class Budget {
  readonly maxSpend: Decimal;

  /** `maxSpend` in minor units, that is times 10^scale. */
  readonly maxSpendUnits: bigint;

  readonly window: number | null;

  readonly mode: Mode;

  readonly onStoreError: StoreErrorMode;

  readonly scale: number;

  // Makes the class nominal, so a plain object literal cannot bypass validation.
  readonly #validated = true;

  /** @throws {InvalidBudgetError} naming the invalid field. */
  constructor(options: BudgetOptions) {
    const { window, mode = Mode.HARD, onStoreError = StoreErrorMode.FAIL_CLOSED, scale = DEFAULT_SCALE } = options;

    if (!Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE) {
      throw invalid('scale', scale, `an integer from 0 to ${MAX_SCALE}`);
    }
    if (window !== null && (typeof window !== 'number' || !Number.isFinite(window) || window <= 0)) {
      throw invalid('window', window, 'a finite number of seconds > 0, or null for no window');
    }
    if (!isMode(mode)) {
      throw invalid('mode', mode, "'HARD' or 'SOFT'");
    }
    if (!isStoreErrorMode(onStoreError)) {
      throw invalid('onStoreError', onStoreError, "'FAIL_CLOSED' or 'FAIL_OPEN'");
    }

    let maxSpend: Decimal;
    let maxSpendUnits: bigint;
    try {
      maxSpend = Decimal.from(options.maxSpend, 'maxSpend');
      maxSpendUnits = maxSpend.toUnits(scale, 'maxSpend');
    } catch (error) {
      if (error instanceof InvalidAmountError || error instanceof AmountPrecisionError) {
        throw new InvalidBudgetError('maxSpend', options.maxSpend, error.message);
      }
      throw error;
    }
    if (maxSpend.isNegative()) {
      throw invalid('maxSpend', options.maxSpend, 'an amount ≥ 0');
    }

    this.maxSpend = maxSpend;
    this.maxSpendUnits = maxSpendUnits;
    this.window = window;
    this.mode = mode;
    this.onStoreError = onStoreError;
    this.scale = scale;
    Object.freeze(this);
  }

  /**
   * Converts a requested amount to minor units at this budget's scale.
   *
   * @throws {InvalidAmountError} when it is malformed or negative.
   * @throws {AmountPrecisionError} when it has more decimal places than the scale.
   */
  toUnits(amount: DecimalInput, field: string): { amount: Decimal; units: bigint } {
    const parsed = Decimal.from(amount, field);
    if (parsed.isNegative()) {
      throw new InvalidAmountError(field, amount, `Invalid ${field} ${parsed.toString()}: amounts must be ≥ 0.`);
    }
    return { amount: parsed, units: parsed.toUnits(this.scale, field) };
  }
}
