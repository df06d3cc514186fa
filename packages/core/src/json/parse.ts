import { AuditgateError } from '../errors.js';
import type { JsonObject, JsonValue } from './json-value.js';
import { LosslessNumber } from './lossless-number.js';

/** Malformed JSON text. `line` and `column` are 1-based and point at the offending character. */
export class JsonSyntaxError extends AuditgateError {
  readonly line: number;
  readonly column: number;

  constructor(reason: string, text: string, offset: number) {
    const { line, column } = locate(text, offset);
    super('INVALID_JSON_SYNTAX', `invalid JSON at line ${line}, column ${column}: ${reason}`);
    this.line = line;
    this.column = column;
  }
}

/**
 * Deepest nesting the parser reads. Python's json module stops near 1,000 levels (its recursion
 * limit), and a deeper document would overflow the JS stack of later recursive steps.
 */
export const MAX_PARSE_DEPTH = 1000;

const NUMBER_TOKEN = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Parses JSON the way Python's `json.loads` reads it, without losing what `JSON.parse` loses:
 * a float token with an integral value (`5.0`, `-0.0`), an int beyond 2**53, and the
 * `NaN` / `Infinity` tokens that Python writes become {@link LosslessNumber}s; every other number
 * is a plain JS number. `\uXXXX` escapes decode one code unit at a time, so lone surrogates
 * survive, and a `__proto__` key becomes an ordinary own property. A key repeated within one
 * object is an error: Python would keep the last value and other readers the first, so such a
 * document could show a person one entry and the hash another.
 *
 * @throws {JsonSyntaxError} with the line and column of the first error.
 */
export function parseLosslessJson(text: string): JsonValue {
  const parser = new Parser(text);
  parser.skipWhitespace();
  const value = parser.readValue(0);
  parser.skipWhitespace();
  if (parser.offset < text.length) parser.fail('unexpected text after the JSON value');
  return value;
}

class Parser {
  offset = 0;

  constructor(private readonly text: string) {}

  fail(reason: string, offset = this.offset): never {
    throw new JsonSyntaxError(reason, this.text, offset);
  }

  skipWhitespace(): void {
    const text = this.text;
    let offset = this.offset;
    for (;;) {
      const unit = text.charCodeAt(offset);
      if (unit !== 0x20 && unit !== 0x0a && unit !== 0x0d && unit !== 0x09) break;
      offset++;
    }
    this.offset = offset;
  }

  readValue(depth: number): JsonValue {
    if (depth > MAX_PARSE_DEPTH) this.fail(`nesting is deeper than ${MAX_PARSE_DEPTH} levels`);
    const char = this.text[this.offset];
    switch (char) {
      case '{':
        return this.readObject(depth);
      case '[':
        return this.readArray(depth);
      case '"':
        return this.readString();
      case 't':
        return this.readLiteral('true', true);
      case 'f':
        return this.readLiteral('false', false);
      case 'n':
        return this.readLiteral('null', null);
      case 'N':
        return this.readLiteral('NaN', new LosslessNumber('NaN', 'float'));
      case 'I':
        return this.readLiteral('Infinity', new LosslessNumber('Infinity', 'float'));
      case undefined:
        return this.fail('unexpected end of input');
      default:
        return this.readNumber();
    }
  }

  private readLiteral<T extends JsonValue>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.offset)) this.fail(`expected a JSON value, found ${this.#excerpt()}`);
    this.offset += word.length;
    return value;
  }

  private readNumber(): JsonValue {
    if (this.text.startsWith('-Infinity', this.offset)) {
      this.offset += 9;
      return new LosslessNumber('-Infinity', 'float');
    }

    NUMBER_TOKEN.lastIndex = this.offset;
    const match = NUMBER_TOKEN.exec(this.text);
    if (match === null) this.fail(`expected a JSON value, found ${this.#excerpt()}`);
    const token = match[0];
    this.offset += token.length;

    const value = Number(token);
    const isFloat = match[1] !== undefined || match[2] !== undefined;
    if (isFloat) {
      return Number.isInteger(value) || !Number.isFinite(value) ? new LosslessNumber(token, 'float') : value;
    }
    return Number.isSafeInteger(value) ? value : new LosslessNumber(token, 'int');
  }

  private readString(): string {
    const text = this.text;
    const start = ++this.offset;
    let offset = start;

    // Fast path: no escapes, so the string is a slice of the input.
    for (;;) {
      const unit = text.charCodeAt(offset);
      if (unit === 0x22) {
        this.offset = offset + 1;
        return text.slice(start, offset);
      }
      if (unit === 0x5c) break;
      if (unit < 0x20 || Number.isNaN(unit)) this.failInString(offset);
      offset++;
    }

    let out = text.slice(start, offset);
    for (;;) {
      const unit = text.charCodeAt(offset);
      if (unit === 0x22) {
        this.offset = offset + 1;
        return out;
      }
      if (unit < 0x20 || Number.isNaN(unit)) this.failInString(offset);
      if (unit !== 0x5c) {
        out += text[offset];
        offset++;
        continue;
      }

      const escape = text[offset + 1] ?? '';
      if (escape === 'u') {
        const hex = text.slice(offset + 2, offset + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape', offset);
        out += String.fromCharCode(parseInt(hex, 16));
        offset += 6;
        continue;
      }
      const decoded = ESCAPES[escape];
      if (decoded === undefined) this.fail(`invalid escape \\${escape}`, offset);
      out += decoded;
      offset += 2;
    }
  }

  // A short, quoted piece of the input at the current offset, for messages.
  #excerpt(): string {
    const rest = this.text.slice(this.offset, this.offset + 12);
    const lineEnd = rest.search(/[\r\n]/);
    const piece = lineEnd < 0 ? rest : rest.slice(0, lineEnd);
    return JSON.stringify(piece.length < 12 ? piece : `${piece}…`);
  }

  private failInString(offset: number): never {
    if (offset >= this.text.length) this.fail('unterminated string', offset);
    return this.fail('control character inside a string', offset);
  }

  private readArray(depth: number): JsonValue[] {
    const items: JsonValue[] = [];
    this.offset++;
    this.skipWhitespace();
    if (this.text[this.offset] === ']') {
      this.offset++;
      return items;
    }

    for (;;) {
      this.skipWhitespace();
      items.push(this.readValue(depth + 1));
      this.skipWhitespace();
      const char = this.text[this.offset++];
      if (char === ']') return items;
      if (char !== ',') {
        this.offset--;
        this.fail(`expected ',' or ']', found ${this.#excerpt()}`);
      }
    }
  }

  private readObject(depth: number): JsonObject {
    const object: JsonObject = {};
    this.offset++;
    this.skipWhitespace();
    if (this.text[this.offset] === '}') {
      this.offset++;
      return object;
    }

    for (;;) {
      this.skipWhitespace();
      if (this.text[this.offset] !== '"') this.fail(`expected a string key, found ${this.#excerpt()}`);
      const keyOffset = this.offset;
      const key = this.readString();
      this.skipWhitespace();
      if (this.text[this.offset] !== ':') this.fail(`expected ':', found ${this.#excerpt()}`);
      this.offset++;
      this.skipWhitespace();
      const value = this.readValue(depth + 1);

      // Python keeps the last of repeated keys and other readers the first. A document that means
      // different things to different readers is rejected rather than read one way.
      if (Object.prototype.hasOwnProperty.call(object, key)) this.fail(`duplicate key ${JSON.stringify(key)}`, keyOffset);

      // Plain assignment of "__proto__" would set the prototype instead of adding a key.
      if (key === '__proto__') {
        Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      } else {
        object[key] = value;
      }

      this.skipWhitespace();
      const char = this.text[this.offset++];
      if (char === '}') return object;
      if (char !== ',') {
        this.offset--;
        this.fail(`expected ',' or '}', found ${this.#excerpt()}`);
      }
    }
  }
}

function locate(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
