import { errorMessage, GateError, type IdentityPartOf } from '@auditgate/gate-kit';

import type { Decision } from './decision.js';

/**
 * Base class of every error this package throws. The `code` is stable, and the message is meant
 * for people. It extends gate-kit's `GateError`, the base shared with the other gates.
 */
export abstract class BudgetGateError extends GateError {}

/** Part of a `namespace:resource@principal` identity that was invalid. */
export type IdentityPart = IdentityPartOf<'resource'>;

/** A ledger identity part is empty, not a string, or would make the identity string ambiguous. */
export class InvalidIdentityError extends BudgetGateError {
  readonly code = 'INVALID_IDENTITY';

  override readonly name = 'InvalidIdentityError';

  /**
   * @param part - The invalid part, or `'identity'` when a whole identity string could not be parsed.
   * @param value - The value received.
   */
  constructor(
    readonly part: IdentityPart,
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** A budget field is missing, of the wrong type, or out of range. */
export class InvalidBudgetError extends BudgetGateError {
  readonly code = 'INVALID_BUDGET';

  override readonly name = 'InvalidBudgetError';

  /** @param field - The budget field, for example `'window'`. */
  constructor(
    readonly field: string,
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** An amount is not a decimal string, a safe integer, a bigint or a Decimal, or it is negative. */
export class InvalidAmountError extends BudgetGateError {
  readonly code = 'INVALID_AMOUNT';

  override readonly name = 'InvalidAmountError';

  /** @param field - Which amount, for example `'estimate'`. */
  constructor(
    readonly field: string,
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** An amount has more decimal places than the budget's scale, so it cannot be stored exactly. */
export class AmountPrecisionError extends BudgetGateError {
  readonly code = 'AMOUNT_TOO_PRECISE';

  override readonly name = 'AmountPrecisionError';

  /** @param scale - The number of decimal places the budget stores. */
  constructor(
    readonly field: string,
    readonly value: string,
    readonly scale: number,
  ) {
    super(
      `Invalid ${field} ${value}: it has more than ${scale} decimal places, the budget's scale. Round it yourself, or raise the budget's scale.`,
    );
  }
}

/** A commit named an actual cost above the reservation's estimate. */
export class CommitExceedsEstimateError extends BudgetGateError {
  readonly code = 'COMMIT_EXCEEDS_ESTIMATE';

  override readonly name = 'CommitExceedsEstimateError';

  constructor(
    readonly actual: string,
    readonly estimate: string,
  ) {
    super(`Invalid actual cost ${actual}: it exceeds the reserved estimate ${estimate}. Reserve a larger estimate before running the action.`);
  }
}

/** A reservation was committed or released a second time. */
export class ReservationSettledError extends BudgetGateError {
  readonly code = 'RESERVATION_SETTLED';

  override readonly name = 'ReservationSettledError';

  /** @param state - The reservation's state when the second call came. */
  constructor(
    readonly operation: 'commit' | 'release',
    readonly state: string,
  ) {
    super(`Cannot ${operation} the reservation: it is already ${state.toLowerCase()}. Commit or release each reservation exactly once.`);
  }
}

/** Commit or release was called on a reservation for which the store keeps nothing. */
export class ReservationNotHeldError extends BudgetGateError {
  readonly code = 'RESERVATION_NOT_HELD';

  override readonly name = 'ReservationNotHeldError';

  constructor(
    readonly operation: 'commit' | 'release',
    readonly decision: Decision,
  ) {
    super(
      `Cannot ${operation} the reservation: the store holds nothing for it (decision ${decision.status}, reason ${decision.reason ?? 'none'}). Check reservation.held first.`,
    );
  }
}

/** The store failed while committing or releasing. The reservation is still held and may be settled again. */
export class ReservationStoreError extends BudgetGateError {
  readonly code = 'STORE_FAILED';

  override readonly name = 'ReservationStoreError';

  constructor(
    readonly operation: 'commit' | 'release',
    cause: unknown,
  ) {
    super(`Store failed to ${operation} the reservation: ${errorMessage(cause)}. It stays held until a retry succeeds or its TTL expires.`, { cause });
  }
}

/** Thrown by a guarded function when its HARD budget blocked the call. The function did not run. */
export class Blocked extends BudgetGateError {
  readonly code = 'BLOCKED';

  override readonly name = 'Blocked';

  /** @param decision - The BLOCK decision that stopped the call. */
  constructor(readonly decision: Decision) {
    super(`Spend on ${decision.ledger.key} was blocked (${decision.reason ?? 'no reason'}): ${decision.message ?? ''}`);
  }
}
