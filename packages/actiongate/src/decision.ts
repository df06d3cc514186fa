import type { Gate } from './gate.js';
import type { Policy } from './policy.js';

/** Version of the serialized decision form shared with the Python ActionGate. */
export const ACTION_DECISION_SCHEMA_VERSION = '0.2.2';

/** Outcome of a check. */
export type Status = 'ALLOW' | 'BLOCK';

/**
 * Reason for a decision, null for an ordinary ALLOW. STORE_ERROR goes with BLOCK under
 * FAIL_CLOSED and with ALLOW under FAIL_OPEN.
 */
export type DecisionReason = 'RATE_LIMIT' | 'COOLDOWN' | 'STORE_ERROR';

/** The serialized action decision, key for key as the Python side writes it. */
export type ActionDecisionWire = {
  schema_version: typeof ACTION_DECISION_SCHEMA_VERSION;
  status: Status;
  gate: string;
  reason: DecisionReason | null;
  message: string | null;
  calls_in_window: number;
  time_since_last: number | null;
};

/** Fields of a {@link Decision}. */
export interface DecisionFields {
  status: Status;
  gate: Gate;
  policy: Policy;
  reason: DecisionReason | null;
  message: string | null;
  callsInWindow: number;
  timeSinceLast: number | null;
  storeError?: unknown;
}

/** The result of one check: every field needed to audit it, frozen. */
export class Decision {
  readonly status: Status;

  readonly gate: Gate;

  readonly policy: Policy;

  readonly reason: DecisionReason | null;

  /** Explanation for people, or null for an ordinary ALLOW. */
  readonly message: string | null;

  /** Calls in the window after this check, counting this call when it was allowed. 0 on a store error. */
  readonly callsInWindow: number;

  /** Seconds since the most recent call still in the window, or null when there is none or on a store error. */
  readonly timeSinceLast: number | null;

  /** Error the store threw or rejected with when reason is STORE_ERROR. Not part of the wire form. */
  readonly storeError: unknown;

  constructor(fields: DecisionFields) {
    this.status = fields.status;
    this.gate = fields.gate;
    this.policy = fields.policy;
    this.reason = fields.reason;
    this.message = fields.message;
    this.callsInWindow = fields.callsInWindow;
    // A clock that steps back (an injected one, or a store on another host) must not put a
    // negative duration on the wire, whose schema requires ≥ 0.
    this.timeSinceLast = fields.timeSinceLast === null ? null : Math.max(0, fields.timeSinceLast);
    this.storeError = fields.storeError;
    Object.freeze(this);
  }

  /** True when the status is ALLOW. */
  get allowed(): boolean {
    return this.status === 'ALLOW';
  }

  /** True when the status is BLOCK. */
  get blocked(): boolean {
    return this.status === 'BLOCK';
  }

  /** Returns the serialized form: exactly the seven keys of schema 0.2.2, in snake_case. */
  toWire(): ActionDecisionWire {
    return {
      schema_version: ACTION_DECISION_SCHEMA_VERSION,
      status: this.status,
      gate: this.gate.key,
      reason: this.reason,
      message: this.message,
      calls_in_window: this.callsInWindow,
      time_since_last: this.timeSinceLast,
    };
  }
}

declare module '@auditgate/bus' {
  interface GateDecisionMap {
    actiongate: Decision;
  }
}
