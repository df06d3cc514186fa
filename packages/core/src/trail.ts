import { ValidationError } from './errors.js';

/**
 * An audit trail's identity: the namespace, the source that decides (usually a gate type or a
 * service) and the principal it decides for. Its string form is `namespace:source@principal`.
 * Two trails are the same trail exactly when all three parts are equal.
 *
 * A namespace may not contain `:` or `@`, and a source may not contain `@`, because either would
 * let two different trails share one string form. The principal may contain anything (such as
 * `user:42` or `a@b`), since it is everything after the first `@` that follows the first `:`.
 */
export class Trail {
  readonly namespace: string;
  readonly source: string;
  readonly principal: string;
  readonly #text: string;

  /** @throws {ValidationError} when a part is empty, not a string, or makes the string form ambiguous. */
  constructor(namespace: string, source: string, principal: string) {
    checkPart('namespace', namespace, [':', '@']);
    checkPart('source', source, ['@']);
    checkPart('principal', principal, []);
    this.namespace = namespace;
    this.source = source;
    this.principal = principal;
    this.#text = `${namespace}:${source}@${principal}`;
  }

  /**
   * Parses the string form `namespace:source@principal`.
   *
   * @throws {ValidationError} when `text` does not match `^[^:@]+:[^@]+@.+$`.
   */
  static parse(text: string): Trail {
    if (typeof text !== 'string') {
      throw new ValidationError('trail', `expected a string, got ${typeof text}`, 'INVALID_TRAIL');
    }
    const colon = text.indexOf(':');
    const at = text.indexOf('@', colon + 1);
    if (colon <= 0 || at < 0 || text.lastIndexOf('@', colon) >= 0) {
      throw new ValidationError(
        'trail',
        `${JSON.stringify(text)} is not of the form namespace:source@principal`,
        'INVALID_TRAIL',
      );
    }
    return new Trail(text.slice(0, colon), text.slice(colon + 1, at), text.slice(at + 1));
  }

  /** Accepts a Trail or its string form. */
  static from(trail: Trail | string): Trail {
    return trail instanceof Trail ? trail : Trail.parse(trail);
  }

  equals(other: Trail): boolean {
    return this.#text === other.#text;
  }

  toString(): string {
    return this.#text;
  }

  toJSON(): string {
    return this.#text;
  }
}

// C0 controls, DEL, the line separators a regular expression's "." does not match, and (with the
// u flag, under which a surrogate pair is one code point) unpaired surrogates.
const UNREADABLE = /[\u0000-\u001f\u007f\u2028\u2029]|[\uD800-\uDFFF]/u;

function checkPart(part: string, value: unknown, forbidden: string[]): void {
  if (typeof value !== 'string') {
    throw new ValidationError(`trail.${part}`, `expected a string, got ${typeof value}`, 'INVALID_TRAIL');
  }
  if (value.length === 0) {
    throw new ValidationError(`trail.${part}`, 'must not be empty', 'INVALID_TRAIL');
  }
  if (UNREADABLE.test(value)) {
    throw new ValidationError(
      `trail.${part}`,
      `${JSON.stringify(value)} contains a control character, a line break or a lone UTF-16 surrogate; other readers of the trail string (a pattern match, a UTF-8 store) would not see it as written`,
      'INVALID_TRAIL',
    );
  }
  for (const char of forbidden) {
    if (value.includes(char)) {
      throw new ValidationError(
        `trail.${part}`,
        `${JSON.stringify(value)} must not contain "${char}", which would make the trail string ambiguous`,
        'INVALID_TRAIL',
      );
    }
  }
}
