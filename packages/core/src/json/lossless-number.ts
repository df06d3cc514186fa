import { ValidationError } from '../errors.js';
import { formatPyFloat } from './py-float.js';

/** The Python type a JSON number token stands for: `int` has no `.`, `e` or `E`; `float` has one. */
export type NumberKind = 'int' | 'float';

/**
 * A JSON number whose Python spelling a JS `number` cannot carry: an integral float such as `5.0`
 * or `-0.0`, an int beyond 2**53, or a non-finite float (`NaN`, `Infinity`). Canonical JSON
 * writes it exactly as Python would re-serialize it.
 */
export class LosslessNumber {
  /** The number as it appeared in the source text, or as built by {@link pyInt} / {@link pyFloat}. */
  readonly text: string;
  readonly kind: NumberKind;

  /** @throws {ValidationError} when `text` is not a JSON number token of the given kind. */
  constructor(text: string, kind: NumberKind) {
    const valid = kind === 'int' ? INT_TOKEN.test(text) : kind === 'float' && (FLOAT_TOKEN.test(text) || NON_FINITE.has(text));
    if (!valid) {
      throw new ValidationError('LosslessNumber', `${JSON.stringify(String(text))} is not a JSON ${kind === 'int' ? 'int' : 'float'} token`, 'INVALID_JSON');
    }
    this.text = text;
    this.kind = kind;
    // Entries keep LosslessNumbers by reference, so a change after recording would alter a
    // stored entry behind its hash.
    Object.freeze(this);
  }

  /** Returns the nearest JS number: exact for floats, rounded for ints beyond 2**53. */
  valueOf(): number {
    return Number(this.text);
  }

  toString(): string {
    return this.text;
  }

  /** JSON.stringify output: the source spelling, so a round trip through JSON keeps the value. */
  toJSON(): number {
    return this.valueOf();
  }
}

const INT_TOKEN = /^-?(0|[1-9][0-9]*)$/;
// A JSON number with a fraction or an exponent, which Python reads as a float.
const FLOAT_TOKEN = /^-?(0|[1-9][0-9]*)(\.[0-9]+([eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)$/;
// The tokens Python's json module writes for non-finite floats.
const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);

/**
 * Marks `value` as a Python float, so canonical JSON writes `5.0` for 5 and `-0.0` for -0.
 *
 * @example pyFloat(1000) // canonical form "1000.0"
 */
export function pyFloat(value: number): LosslessNumber {
  return new LosslessNumber(formatPyFloat(value), 'float');
}

/**
 * Marks an integer of any size as a Python int, so canonical JSON writes every digit.
 *
 * @throws {RangeError} when `value` is not an integer.
 */
export function pyInt(value: bigint | string | number): LosslessNumber {
  const text = typeof value === 'number' && Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (!INT_TOKEN.test(text)) {
    throw new RangeError(`pyInt: expected an integer, got ${JSON.stringify(String(value))}`);
  }
  return new LosslessNumber(text, 'int');
}
