import type { AuditEntry } from './entry.js';
import { AuditgateError } from './errors.js';
import type { AuditPolicy } from './policy.js';
import type { Trail } from './trail.js';

/** RECORDED: the entry is in the store. DROPPED: it is not, for the `reason` given. */
export type DecisionStatus = 'RECORDED' | 'DROPPED';

/** BELOW_MIN_SEVERITY: dropped by policy, not a failure. STORE_ERROR: the write failed. */
export type DropReason = 'BELOW_MIN_SEVERITY' | 'STORE_ERROR';

/** The outcome of one `record()` call. */
export interface Decision {
  readonly status: DecisionStatus;
  readonly trail: Trail;
  readonly policy: AuditPolicy;
  /** The stored entry; null when the entry was dropped. */
  readonly entry: AuditEntry | null;
  readonly reason: DropReason | null;
  /** What made the store fail, for STORE_ERROR. */
  readonly error?: unknown;
}

/**
 * A record that had to exist did not get written: `record()` under HARD, or a guarded action
 * under FAIL_CLOSED. `decision` is the DROPPED decision and `cause` the store's error.
 */
export class AuditError extends AuditgateError {
  readonly decision: Decision;

  constructor(decision: Decision) {
    const cause = decision.error instanceof Error ? decision.error.message : String(decision.error);
    super('AUDIT_FAILED', `could not record an entry in trail ${decision.trail.toString()}: ${cause}`, {
      cause: decision.error,
    });
    this.decision = decision;
  }
}
