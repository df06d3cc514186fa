import { ValidationError } from '../errors.js';
import { MAX_JSON_DEPTH } from './canonical.js';
import type { JsonObject, JsonValue } from './json-value.js';
import { LosslessNumber } from './lossless-number.js';
import { keyPath, PathError, prependPath } from './path-error.js';

/**
 * Copies plain JSON data into frozen plain objects and arrays, reading every property of the
 * input exactly once. Getters and proxies therefore cannot show one value to the hash and
 * another to the stored copy, and later changes to the input do not reach the copy.
 *
 * Accepts what canonical JSON accepts, except non-finite numbers: `NaN` and `Infinity` are not
 * JSON, even as a {@link LosslessNumber}.
 *
 * @throws {ValidationError} naming the path to the first value that is not plain JSON, or whose
 *   getter or proxy trap threw.
 */
export function snapshotJson(value: unknown, field: string): JsonValue {
  try {
    return copy(value, []);
  } catch (error) {
    if (error instanceof PathError) throw new ValidationError(field + error.path, error.reason, 'INVALID_JSON');
    throw error;
  }
}

function copy(value: unknown, ancestors: object[]): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new PathError(`${value} is not a JSON number`);
      return value;
    case 'object':
      if (value === null) return null;
      if (value instanceof LosslessNumber) return copyLossless(value);
      return copyContainer(value, ancestors);
    case 'bigint':
      throw new PathError('BigInt is not JSON; use pyInt(value) to record a Python int of any size');
    default:
      throw new PathError(`a ${typeof value} is not JSON`);
  }
}

function copyLossless(value: LosslessNumber): LosslessNumber {
  const { text, kind } = value;
  const copied = new LosslessNumber(text, kind);
  if (!Number.isFinite(copied.valueOf())) throw new PathError(`${text} is not a JSON number`);
  return copied;
}

function copyContainer(value: object, ancestors: object[]): JsonValue {
  if (ancestors.length >= MAX_JSON_DEPTH) throw new PathError(`nesting is deeper than ${MAX_JSON_DEPTH} levels`);
  if (ancestors.includes(value)) throw new PathError('circular reference');

  ancestors.push(value);
  const copied = readSafely(() => (Array.isArray(value) ? copyArray(value, ancestors) : copyObject(value, ancestors)));
  ancestors.pop();
  return Object.freeze(copied) as JsonValue;
}

function copyArray(items: unknown[], ancestors: object[]): JsonValue[] {
  if (Object.getPrototypeOf(items) !== Array.prototype) throw new PathError('an array subclass is not plain JSON');
  const length = items.length;
  const copied: JsonValue[] = new Array(length);
  for (let i = 0; i < length; i++) {
    try {
      copied[i] = copy(readSafely(() => items[i]), ancestors);
    } catch (error) {
      throw prependPath(error, `[${i}]`);
    }
  }
  return copied;
}

function copyObject(object: object, ancestors: object[]): JsonObject {
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    const kind = (prototype as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    throw new PathError(`a ${kind} instance is not plain JSON; convert it to an object, array or string first`);
  }

  const copied: JsonObject = {};
  for (const key of Object.keys(object)) {
    try {
      const item = readSafely(() => (object as Record<string, unknown>)[key]);
      if (item === undefined) throw new PathError('undefined is not JSON; omit the key or use null');
      const value = copy(item, ancestors);
      // Plain assignment of "__proto__" would set the prototype instead of adding a key.
      if (key === '__proto__') Object.defineProperty(copied, key, { value, enumerable: true, writable: true, configurable: true });
      else copied[key] = value;
    } catch (error) {
      throw prependPath(error, keyPath(key));
    }
  }
  return copied;
}

// A getter or a proxy trap may throw anything; the caller learns where, as a ValidationError.
function readSafely<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof PathError) throw error;
    throw new PathError(`reading the value threw: ${error instanceof Error ? error.message : String(error)}`);
  }
}
