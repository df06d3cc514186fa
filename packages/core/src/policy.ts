import { assertEnum, Integrity, Mode, OnStoreError, Severity } from './enums.js';
import { ValidationError } from './errors.js';

/** The rules of a trail: how it records entries and what happens when recording fails. */
export interface AuditPolicy {
  /** HARD throws `AuditError` from `record()` on a failed write; SOFT returns a DROPPED decision. */
  readonly mode: Mode;
  /** FAIL_CLOSED keeps a guarded action from running when its entry was not recorded. */
  readonly onStoreError: OnStoreError;
  /** Entries below this severity are dropped by policy; that is not a failure. */
  readonly minSeverity: Severity;
  /** Entries older than this many seconds may be pruned; null keeps them forever. */
  readonly retentionSeconds: number | null;
  readonly integrity: Integrity;
}

export const DEFAULT_POLICY: AuditPolicy = Object.freeze({
  mode: Mode.HARD,
  onStoreError: OnStoreError.FAIL_CLOSED,
  minSeverity: Severity.DEBUG,
  retentionSeconds: null,
  integrity: Integrity.HASH,
});

/**
 * Builds a complete, frozen policy from the given options and the defaults
 * (HARD, FAIL_CLOSED, DEBUG, keep forever, HASH).
 *
 * @throws {ValidationError} naming the option that is unknown or out of range.
 */
export function auditPolicy(options: Partial<AuditPolicy> = {}): AuditPolicy {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('policy', 'expected an object of policy options');
  }
  for (const key of Object.keys(options)) {
    if (!(key in DEFAULT_POLICY)) {
      throw new ValidationError(`policy.${key}`, `unknown option; expected one of ${Object.keys(DEFAULT_POLICY).join(', ')}`);
    }
  }

  // Only own properties count: an option inherited from a prototype is not one the caller gave.
  const own = <K extends keyof AuditPolicy>(key: K): AuditPolicy[K] | undefined =>
    Object.prototype.hasOwnProperty.call(options, key) ? options[key] : undefined;

  const retention = own('retentionSeconds') ?? null;
  if (retention !== null && !(typeof retention === 'number' && Number.isFinite(retention) && retention > 0)) {
    throw new ValidationError('policy.retentionSeconds', `expected a positive number of seconds or null, got ${String(retention)}`);
  }

  return Object.freeze({
    mode: assertEnum(Mode, own('mode') ?? DEFAULT_POLICY.mode, 'policy.mode'),
    onStoreError: assertEnum(OnStoreError, own('onStoreError') ?? DEFAULT_POLICY.onStoreError, 'policy.onStoreError'),
    minSeverity: assertEnum(Severity, own('minSeverity') ?? DEFAULT_POLICY.minSeverity, 'policy.minSeverity'),
    retentionSeconds: retention,
    integrity: assertEnum(Integrity, own('integrity') ?? DEFAULT_POLICY.integrity, 'policy.integrity'),
  });
}
