import { GateIdentity, type IdentityRules, parseIdentity } from '@auditgate/gate-kit';

import { InvalidIdentityError } from './errors.js';

const GATE_RULES: IdentityRules<'action'> = {
  noun: 'gate',
  middle: 'action',
  createError: (part, value, message) => new InvalidIdentityError(part, value, message),
};

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
export class Gate extends GateIdentity<'action'> {
  /** Operation name, for example `'refund'`. */
  readonly action: string;

  /** @throws {InvalidIdentityError} naming the invalid part. */
  constructor(namespace: string, action: string, principal: string) {
    super(namespace, action, principal, GATE_RULES);
    this.action = action;
    Object.freeze(this);
  }

  /**
   * Parses `namespace:action@principal`, splitting at the first ':' and the first '@' after it.
   *
   * @throws {InvalidIdentityError} with part `'identity'` when a separator is missing, or naming
   * the invalid part.
   */
  static parse(text: string): Gate {
    const parts = parseIdentity(text, GATE_RULES);
    return new Gate(parts.namespace, parts.middle, parts.principal);
  }
}
