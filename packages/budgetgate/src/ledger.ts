import { GateIdentity, type IdentityRules, parseIdentity } from '@auditgate/gate-kit';

import { InvalidIdentityError } from './errors.js';

const LEDGER_RULES: IdentityRules<'resource'> = {
  noun: 'ledger',
  middle: 'resource',
  createError: (part, value, message) => new InvalidIdentityError(part, value, message),
};

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
export class Ledger extends GateIdentity<'resource'> {
  /** Billable resource, for example `'gpt-4o'`. */
  readonly resource: string;

  /** @throws {InvalidIdentityError} naming the invalid part. */
  constructor(namespace: string, resource: string, principal: string) {
    super(namespace, resource, principal, LEDGER_RULES);
    this.resource = resource;
    Object.freeze(this);
  }

  /**
   * Parses `namespace:resource@principal`, splitting at the first ':' and the first '@' after it.
   *
   * @throws {InvalidIdentityError} with part `'identity'` when a separator is missing, or naming
   * the invalid part.
   */
  static parse(text: string): Ledger {
    const parts = parseIdentity(text, LEDGER_RULES);
    return new Ledger(parts.namespace, parts.middle, parts.principal);
  }
}
