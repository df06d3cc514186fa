import { AmountPrecisionError, InvalidAmountError } from './errors.js';

const DECIMAL_PATTERN = /^-?[0-9]+(\.[0-9]+)?$/;

/** Accepted forms of an amount. Numbers must be safe integers, because `0.1` as a float is not 0.1. */
export type DecimalInput = Decimal | string | bigint | number;

// Precomputed because a check rescales several amounts. Exponents above 36 fall back to `**`.
const POWERS_OF_TEN: readonly bigint[] = Array.from({ length: 37 }, (_, exponent) => 10n ** BigInt(exponent));

function powerOfTen(exponent: number): bigint {
  return POWERS_OF_TEN[exponent] ?? 10n ** BigInt(exponent);
}

/**
 * An exact decimal number: an integer count of units at a scale, `units / 10^scale`.
 * Arithmetic never rounds and never touches binary floating point.
 *
 * @example
 * ```ts
 * Decimal.from('0.1').add(Decimal.from('0.2')).equals(Decimal.from('0.3')); // true
 * ```
 */
export class Decimal {
  /** The value times 10^scale. */
  readonly units: bigint;

  /** Number of decimal places `units` is counted in. */
  readonly scale: number;

  private constructor(units: bigint, scale: number) {
    this.units = units;
    this.scale = scale;
    Object.freeze(this);
  }

  /** Zero, at scale 0. */
  static readonly ZERO = new Decimal(0n, 0);

  /**
   * Reads a decimal string (`^-?[0-9]+(\.[0-9]+)?$`), a safe integer, a bigint or a Decimal.
   *
   * @param field - Names the value in error messages, for example `'estimate'`.
   * @throws {InvalidAmountError} for a malformed string, a non-integer or unsafe number, or any other type.
   */
  static from(value: DecimalInput, field = 'amount'): Decimal {
    if (value instanceof Decimal) {
      return value;
    }
    if (typeof value === 'bigint') {
      return new Decimal(value, 0);
    }
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        throw new InvalidAmountError(
          field,
          value,
          `Invalid ${field} ${String(value)}: numbers must be safe integers, because binary floats cannot hold most decimal fractions. Pass a decimal string such as "0.1".`,
        );
      }
      return new Decimal(BigInt(value), 0);
    }
    if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value)) {
      const quoted = typeof value === 'string' ? JSON.stringify(value) : typeof value;
      throw new InvalidAmountError(
        field,
        value,
        `Invalid ${field} ${quoted}: expected a decimal string such as "12.50" (digits, an optional leading '-', an optional '.' followed by digits).`,
      );
    }

    const point = value.indexOf('.');
    if (point === -1) {
      return new Decimal(BigInt(value), 0);
    }
    return new Decimal(BigInt(value.slice(0, point) + value.slice(point + 1)), value.length - point - 1);
  }

  /** Builds the Decimal `units / 10^scale`. */
  static fromUnits(units: bigint, scale: number): Decimal {
    return new Decimal(units, scale);
  }

  /** Returns this value as a count of units at `scale`. */
  toUnits(scale: number, field = 'amount'): bigint {
    if (this.scale <= scale) {
      return this.units * powerOfTen(scale - this.scale);
    }

    const divisor = powerOfTen(this.scale - scale);
    if (this.units % divisor !== 0n) {
      throw new AmountPrecisionError(field, this.toString(), scale);
    }
    return this.units / divisor;
  }

  /** Returns the exact sum. */
  add(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.toUnits(scale) + other.toUnits(scale), scale);
  }

  /** Returns the exact difference. */
  subtract(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.toUnits(scale) - other.toUnits(scale), scale);
  }

  /** Returns -1, 0 or 1 as this value is below, equal to or above `other`. */
  compare(other: Decimal): -1 | 0 | 1 {
    const scale = Math.max(this.scale, other.scale);
    const left = this.toUnits(scale);
    const right = other.toUnits(scale);
    if (left < right) {
      return -1;
    }
    return left > right ? 1 : 0;
  }

  /** Tells whether both values are equal, whatever their scales (`1.50` equals `1.5`). */
  equals(other: Decimal): boolean {
    return this.compare(other) === 0;
  }

  /** True when the value is below zero. */
  isNegative(): boolean {
    return this.units < 0n;
  }

  /** Returns the shortest exact decimal string: no trailing fractional zeros, no `-0`. */
  toString(): string {
    let units = this.units;
    let scale = this.scale;
    while (scale > 0 && units % 10n === 0n) {
      units /= 10n;
      scale -= 1;
    }

    const negative = units < 0n;
    const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
    const whole = digits.slice(0, digits.length - scale);
    const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
    return `${negative ? '-' : ''}${whole}${fraction}`;
  }

  /** Returns {@link toString}, so JSON keeps the exact value. */
  toJSON(): string {
    return this.toString();
  }
}
