import { ValidationError } from '../errors.js';
import { compareCodePoints, quotePyString } from './escape.js';
import { LosslessNumber } from './lossless-number.js';
import { keyPath, PathError, prependPath } from './path-error.js';
import { formatPyFloat } from './py-float.js';

/** Deepest nesting that canonical JSON accepts; Python's own recursion limit sits near 1,000. */
export const MAX_JSON_DEPTH = 256;

/**
 * Serializes `value` byte-for-byte as Python's
 * `json.dumps(value, sort_keys=True, separators=(",", ":"))` would serialize the same data.
 *
 * A JS number with an integral value is written as a Python int (`5`), any other as Python's
 * float repr (`0.5`, `1e-05`). Use {@link LosslessNumber} (or `pyFloat` / `pyInt`) to force
 * a spelling. Only plain JSON data is accepted.
 *
 * @param field names `value` in error messages, for example `detail`.
 * @throws {ValidationError} on anything that is not plain JSON: undefined, functions, symbols,
 *   BigInt, NaN or Infinity as JS numbers, class instances such as Map or Date, circular
 *   references, or nesting deeper than {@link MAX_JSON_DEPTH}. The error's `field` is the path
 *   to the bad value, such as `detail.items[2]`.
 */
export function canonicalJson(value: unknown, field = 'value'): string {
  const ancestors: object[] = [];
  try {
    return write(value, ancestors);
  } catch (error) {
    if (error instanceof PathError) {
      throw new ValidationError(field + error.path, error.reason, 'INVALID_JSON');
    }
    throw error;
  }
}

function write(value: unknown, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return quotePyString(value);
    case 'number':
      return writeNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (value instanceof LosslessNumber) return writeLossless(value);
      return writeContainer(value, ancestors);
    case 'bigint':
      throw new PathError('BigInt is not JSON; use pyInt(value) to record a Python int of any size');
    default:
      throw new PathError(`a ${typeof value} is not JSON`);
  }
}

function writeNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new PathError(`${value} is not a JSON number`);
  }
  if (!Number.isInteger(value)) return formatPyFloat(value);
  if (!Number.isSafeInteger(value)) return BigInt(value).toString();
  // -0 is an integral value, and Python's int has no negative zero.
  return value === 0 ? '0' : String(value);
}

// Python parses a float token to a double and an int token to an exact integer, then
// re-serializes it. Doing the same here normalizes spellings such as `1.50` or `1E5`.
function writeLossless(value: LosslessNumber): string {
  if (value.kind === 'float') return formatPyFloat(Number(value.text));
  return BigInt(value.text).toString();
}

function writeContainer(value: object, ancestors: object[]): string {
  if (ancestors.length >= MAX_JSON_DEPTH) {
    throw new PathError(`nesting is deeper than ${MAX_JSON_DEPTH} levels`);
  }
  if (ancestors.includes(value)) {
    throw new PathError('circular reference');
  }

  ancestors.push(value);
  const text = Array.isArray(value) ? writeArray(value, ancestors) : writeObject(value, ancestors);
  ancestors.pop();
  return text;
}

function writeArray(items: unknown[], ancestors: object[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ',';
    try {
      out += write(items[i], ancestors);
    } catch (error) {
      throw prependPath(error, `[${i}]`);
    }
  }
  return `${out}]`;
}

function writeObject(object: object, ancestors: object[]): string {
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    const kind = (object as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    throw new PathError(`a ${kind} instance is not plain JSON; convert it to an object, array or string first`);
  }

  const record = object as Record<string, unknown>;
  const keys = Object.keys(record).sort(compareCodePoints);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = record[key];
    if (item === undefined) {
      throw prependPath(new PathError('undefined is not JSON; omit the key or use null'), keyPath(key));
    }
    if (i > 0) out += ',';
    try {
      out += `${quotePyString(key)}:${write(item, ancestors)}`;
    } catch (error) {
      throw prependPath(error, keyPath(key));
    }
  }
  return `${out}}`;
}
