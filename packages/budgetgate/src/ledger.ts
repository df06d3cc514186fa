import { InvalidIdentityError } from './errors.js';

// The wire pattern `^[^:]+:[^@]+@.+$` has no `s` flag, so `.` stops at a line terminator.
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

function requirePart(part: 'namespace' | 'resource' | 'principal', value: unknown): string {
  if (typeof value !== 'string') {
    throw new InvalidIdentityError(part, value, `Invalid ledger ${part}: expected a string, got ${typeof value}.`);
  }
  if (value.length === 0) {
    throw new InvalidIdentityError(part, value, `Invalid ledger ${part}: it is empty. Give a non-empty ${part}.`);
  }
  if (LINE_TERMINATOR.test(value)) {
    throw new InvalidIdentityError(
      part,
      value,
      `Invalid ledger ${part} ${JSON.stringify(value)}: it contains a line break, which the identity pattern does not match. Remove it.`,
    );
  }
  return value;
}

/**
 * Identity of a spend stream: the 3-tuple (namespace, resource, principal), written as
 * `namespace:resource@principal`. Ledgers with equal parts share spend, and distinct ones share none.
 *
 * The parts are restricted so that the string form parses back into the same parts: the
 * namespace contains no ':' and no '@', the resource no '@', and no part contains a line break.
 * The principal may contain ':' and '@' (`team:eng`).
 *
 * @example
 * ```ts
 * new Ledger('openai', 'gpt-4o', 'team:eng').key; // 'openai:gpt-4o@team:eng'
 * ```
 */
export class Ledger {
  /** Provider or domain, for example `'openai'`. */
  readonly namespace: string;

  /** Billable resource, for example `'gpt-4o'`. */
  readonly resource: string;

  /** Scope of enforcement, for example `'team:eng'` or `'global'`. */
  readonly principal: string;

  /** The identity string `namespace:resource@principal`, also the store key. */
  readonly key: string;

  /** @throws {InvalidIdentityError} naming the invalid part. */
  constructor(namespace: string, resource: string, principal: string) {
    this.namespace = requirePart('namespace', namespace);
    if (this.namespace.includes(':') || this.namespace.includes('@')) {
      throw new InvalidIdentityError(
        'namespace',
        namespace,
        `Invalid ledger namespace ${JSON.stringify(namespace)}: it must not contain ':' or '@', which separate the parts of "namespace:resource@principal". Remove them.`,
      );
    }

    this.resource = requirePart('resource', resource);
    if (this.resource.includes('@')) {
      throw new InvalidIdentityError(
        'resource',
        resource,
        `Invalid ledger resource ${JSON.stringify(resource)}: it must not contain '@', which separates it from the principal. Remove it.`,
      );
    }

    this.principal = requirePart('principal', principal);
    this.key = `${this.namespace}:${this.resource}@${this.principal}`;
    Object.freeze(this);
  }

  /**
   * Parses `namespace:resource@principal`, splitting at the first ':' and the first '@' after it.
   *
   * @throws {InvalidIdentityError} with part `'identity'` when a separator is missing, or naming
   * the invalid part.
   */
  static parse(text: string): Ledger {
    if (typeof text !== 'string') {
      throw new InvalidIdentityError('identity', text, `Invalid ledger identity: expected a string, got ${typeof text}.`);
    }

    const colon = text.indexOf(':');
    const at = colon === -1 ? -1 : text.indexOf('@', colon + 1);
    if (colon === -1 || at === -1) {
      throw new InvalidIdentityError(
        'identity',
        text,
        `Invalid ledger identity ${JSON.stringify(text)}: expected the form "namespace:resource@principal".`,
      );
    }
    return new Ledger(text.slice(0, colon), text.slice(colon + 1, at), text.slice(at + 1));
  }

  /** Tells whether all three parts are equal. */
  equals(other: Ledger): boolean {
    return this.key === other.key;
  }

  /** Returns the identity string `namespace:resource@principal`. */
  toString(): string {
    return this.key;
  }
}
