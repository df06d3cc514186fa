import { InvalidIdentityError } from './errors.js';

// The wire pattern `^[^:]+:[^@]+@.+$` has no `s` flag, so `.` stops at a line terminator.
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

function requirePart(part: 'namespace' | 'action' | 'principal', value: unknown): string {
  if (typeof value !== 'string') {
    throw new InvalidIdentityError(part, value, `Invalid gate ${part}: expected a string, got ${typeof value}.`);
  }
  if (value.length === 0) {
    throw new InvalidIdentityError(part, value, `Invalid gate ${part}: it is empty. Give a non-empty ${part}.`);
  }
  if (LINE_TERMINATOR.test(value)) {
    throw new InvalidIdentityError(
      part,
      value,
      `Invalid gate ${part} ${JSON.stringify(value)}: it contains a line break, which the identity pattern does not match. Remove it.`,
    );
  }
  return value;
}

/**
 * Identity of a guarded action: the 3-tuple (namespace, action, principal), written as
 * `namespace:action@principal`. Gates with equal parts share state, and distinct gates share none.
 *
 * The parts are restricted so that the string form parses back into the same parts: the
 * namespace contains no ':' and no '@', the action no '@', and no part contains a line break.
 * The principal may contain ':' and '@' (`user:42`).
 *
 * @example
 * ```ts
 * const gate = new Gate('billing', 'refund', 'user:123');
 * gate.key; // 'billing:refund@user:123'
 * ```
 */
export class Gate {
  /** Domain or subsystem, for example `'billing'`. */
  readonly namespace: string;

  /** Operation name, for example `'refund'`. */
  readonly action: string;

  /** Scope of enforcement, for example `'user:123'` or `'global'`. */
  readonly principal: string;

  /** The identity string `namespace:action@principal`, also the store key. */
  readonly key: string;

  /** @throws {InvalidIdentityError} naming the invalid part. */
  constructor(namespace: string, action: string, principal: string) {
    this.namespace = requirePart('namespace', namespace);
    if (this.namespace.includes(':') || this.namespace.includes('@')) {
      throw new InvalidIdentityError(
        'namespace',
        namespace,
        `Invalid gate namespace ${JSON.stringify(namespace)}: it must not contain ':' or '@', which separate the parts of "namespace:action@principal". Remove them.`,
      );
    }

    this.action = requirePart('action', action);
    if (this.action.includes('@')) {
      throw new InvalidIdentityError(
        'action',
        action,
        `Invalid gate action ${JSON.stringify(action)}: it must not contain '@', which separates it from the principal. Remove it.`,
      );
    }

    this.principal = requirePart('principal', principal);
    this.key = `${this.namespace}:${this.action}@${this.principal}`;
    Object.freeze(this);
  }

  /**
   * Parses `namespace:action@principal`, splitting at the first ':' and the first '@' after it.
   *
   * @throws {InvalidIdentityError} with part `'identity'` when a separator is missing, or naming
   * the invalid part.
   */
  static parse(text: string): Gate {
    if (typeof text !== 'string') {
      throw new InvalidIdentityError('identity', text, `Invalid gate identity: expected a string, got ${typeof text}.`);
    }

    const colon = text.indexOf(':');
    const at = colon === -1 ? -1 : text.indexOf('@', colon + 1);
    if (colon === -1 || at === -1) {
      throw new InvalidIdentityError(
        'identity',
        text,
        `Invalid gate identity ${JSON.stringify(text)}: expected the form "namespace:action@principal".`,
      );
    }
    return new Gate(text.slice(0, colon), text.slice(colon + 1, at), text.slice(at + 1));
  }

  /** Tells whether all three parts are equal. */
  equals(other: Gate): boolean {
    return this.key === other.key;
  }

  /** Returns the identity string `namespace:action@principal`. */
  toString(): string {
    return this.key;
  }
}
