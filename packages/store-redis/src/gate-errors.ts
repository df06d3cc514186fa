import { AuditgateError } from '@auditgate/core';

/**
 * A budget ledger was used with another scale than the one its stored amounts have. A gate turns
 * this into a STORE_ERROR decision, as it does for the memory store's scale error.
 */
export class LedgerScaleError extends AuditgateError {
  constructor(
    readonly ledger: string,
    readonly scale: number,
    readonly storedScale: number,
  ) {
    super(
      'LEDGER_SCALE_MISMATCH',
      `ledger ${ledger} stores amounts at scale ${storedScale}, but the request uses scale ${scale}; use one scale for every budget of a ledger`,
    );
  }
}

/** A commit's actual cost is above the amount its reservation holds. The reservation stays held. */
export class CommitExceedsHoldError extends AuditgateError {
  constructor(
    readonly reservationId: string,
    readonly actual: bigint,
    readonly held: bigint,
  ) {
    super(
      'COMMIT_EXCEEDS_HOLD',
      `actual cost of ${actual} units exceeds the ${held} units held by reservation ${reservationId}; commit at most the held amount`,
    );
  }
}
