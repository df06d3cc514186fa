import { checkIdentityParts, type IdentityRules } from './identity.js';

/**
 * Base class of a three-part identity `namespace:middle@principal`, such as actiongate's `Gate`
 * (`namespace:action@principal`) or budgetgate's `Ledger` (`namespace:resource@principal`).
 * Identities with equal parts share state in a gate's store, and distinct ones share none.
 *
 * The base class validates the parts and stores the namespace, the principal and the key. The
 * middle part keeps the name its package gives it, so the subclass declares that property,
 * assigns it after `super()` and then calls `Object.freeze(this)`: the base class cannot freeze,
 * because the subclass still has to add its property.
 *
 * @example
 * ```ts
 * class Route extends GateIdentity<'path'> {
 *   readonly path: string;
 *
 *   constructor(namespace: string, path: string, principal: string) {
 *     super(namespace, path, principal, { noun: 'route', middle: 'path', createError: (_part, _value, message) => new RangeError(message) });
 *     this.path = path;
 *     Object.freeze(this);
 *   }
 * }
 * new Route('api', '/users', 'team:eng').key; // 'api:/users@team:eng'
 * ```
 */
export abstract class GateIdentity<Middle extends string = string> {
  /** Domain, subsystem or provider, for example `'billing'`. It contains no ':' and no '@'. */
  readonly namespace: string;

  /** Scope of enforcement, for example `'user:123'` or `'global'`. */
  readonly principal: string;

  /** The identity string `namespace:middle@principal`, also the store key. */
  readonly key: string;

  /** @throws the error that `rules.createError` builds, naming the first invalid part. */
  protected constructor(namespace: string, middle: string, principal: string, rules: IdentityRules<Middle>) {
    const parts = checkIdentityParts(namespace, middle, principal, rules);

    this.namespace = parts.namespace;
    this.principal = parts.principal;
    this.key = parts.key;
  }

  /** Tells whether all three parts are equal. */
  equals(other: this): boolean {
    return this.key === other.key;
  }

  /** Returns the identity string `namespace:middle@principal`. */
  toString(): string {
    return this.key;
  }
}
