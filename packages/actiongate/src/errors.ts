import { GateError, type IdentityPartOf } from '@auditgate/gate-kit';

import type { Decision } from './decision.js';

/**
 * Base class of every error this package throws. The `code` is stable, and the message is meant
 * for people. It extends gate-kit's `GateError`, the base shared with the other gates.
 */
export abstract class ActionGateError extends GateError {}

/** Part of a `namespace:action@principal` identity that was invalid. */
export type IdentityPart = IdentityPartOf<'action'>;

/** A gate identity part is empty, not a string, or would make the identity string ambiguous. */
export class InvalidIdentityError extends ActionGateError {
  readonly code = 'INVALID_IDENTITY';

  override readonly name = 'InvalidIdentityError';

  /**
   * @param part - The invalid part, or `'identity'` when a whole identity string could not be parsed.
   * @param value - The value received.
   * @param message - What is wrong and how to fix it.
   */
  constructor(
    readonly part: IdentityPart,
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** A policy field is missing, of the wrong type, or out of range. */
export class InvalidPolicyError extends ActionGateError {
  readonly code = 'INVALID_POLICY';

  override readonly name = 'InvalidPolicyError';

  /**
   * @param field - The policy field, for example `'maxCalls'`.
   * @param value - The value received.
   * @param message - What is wrong and how to fix it.
   */
  constructor(
    readonly field: string,
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown by a guarded function when its HARD policy blocked the call. The function did not run. */
export class Blocked extends ActionGateError {
  readonly code = 'BLOCKED';

  override readonly name = 'Blocked';

  /** @param decision - The BLOCK decision that stopped the call. */
  constructor(readonly decision: Decision) {
    super(`Action ${decision.gate.key} was blocked (${decision.reason ?? 'no reason'}): ${decision.message ?? ''}`);
  }
}
