import { ValidationError } from './errors.js';

/** What the deciding gate concluded. */
export const Verdict = {
  ALLOW: 'ALLOW',
  BLOCK: 'BLOCK',
  ERROR: 'ERROR',
  OVERRIDE: 'OVERRIDE',
} as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

/** How much an entry matters, in increasing order. */
export const Severity = {
  DEBUG: 'DEBUG',
  INFO: 'INFO',
  WARN: 'WARN',
  ERROR: 'ERROR',
  CRITICAL: 'CRITICAL',
} as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

/** HARD reports a failed record by throwing; SOFT reports it as a DROPPED decision. */
export const Mode = { HARD: 'HARD', SOFT: 'SOFT' } as const;
export type Mode = (typeof Mode)[keyof typeof Mode];

/** Whether a guarded action may run when its entry could not be recorded. */
export const OnStoreError = { FAIL_CLOSED: 'FAIL_CLOSED', FAIL_OPEN: 'FAIL_OPEN' } as const;
export type OnStoreError = (typeof OnStoreError)[keyof typeof OnStoreError];

/** NONE writes no hashes, HASH an entry_hash per entry, CHAIN also links each entry to the previous one. */
export const Integrity = { NONE: 'NONE', HASH: 'HASH', CHAIN: 'CHAIN' } as const;
export type Integrity = (typeof Integrity)[keyof typeof Integrity];

const SEVERITY_RANK: Record<Severity, number> = { DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3, CRITICAL: 4 };

/** Returns the position of `severity` in DEBUG < INFO < WARN < ERROR < CRITICAL, from 0. */
export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

/**
 * Checks that `value` is one of the values of `enumeration`.
 *
 * @throws {ValidationError} naming `field`, the value and the accepted values.
 */
export function assertEnum<T extends string>(
  enumeration: Readonly<Record<string, T>>,
  value: unknown,
  field: string,
): T {
  for (const key in enumeration) {
    if (enumeration[key] === value) return value as T;
  }
  const accepted = Object.values(enumeration).join(', ');
  throw new ValidationError(field, `invalid value ${JSON.stringify(value)}; expected one of ${accepted}`, 'INVALID_ENUM');
}
