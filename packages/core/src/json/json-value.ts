import type { LosslessNumber } from './lossless-number.js';

/** A JSON value as auditgate holds it. A {@link LosslessNumber} keeps a Python spelling exact. */
export type JsonValue = null | boolean | number | string | LosslessNumber | JsonValue[] | JsonObject;

/** A JSON object: a plain object with string keys. */
export interface JsonObject {
  [key: string]: JsonValue;
}
