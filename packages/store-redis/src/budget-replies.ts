import type { SettleOutcome, SpendOutcome } from '@auditgate/budgetgate';
import { RedisStoreError } from './errors.js';
import { CommitExceedsHoldError, LedgerScaleError } from './gate-errors.js';

const SETTLED: SettleOutcome = Object.freeze({ expired: false });
const EXPIRED: SettleOutcome = Object.freeze({ expired: true });

/**
 * Turns the check script's reply into the gate's outcome.
 *
 * @throws {LedgerScaleError} when the ledger keeps another scale.
 * @throws {RedisStoreError} with code REDIS_UNEXPECTED_REPLY when the reply has another form.
 */
export function spendOutcomeFromReply(ledger: string, scale: number, reply: unknown): SpendOutcome {
  if (!Array.isArray(reply)) throw unexpected('check', reply);
  const [status, value, reservationId] = reply as unknown[];

  if (status === 'SCALE_MISMATCH' && typeof value === 'string') {
    throw new LedgerScaleError(ledger, scale, Number(value));
  }
  if ((status !== 'ALLOW' && status !== 'BLOCK') || !isUnits(value) || typeof reservationId !== 'string') {
    throw unexpected('check', reply);
  }
  return {
    allowed: status === 'ALLOW',
    spentInWindow: BigInt(value),
    reservationId: reservationId === '' ? null : reservationId,
  };
}

/**
 * Turns the commit or release script's reply into the gate's outcome.
 *
 * @throws {CommitExceedsHoldError} when the actual cost is above the held amount.
 * @throws {RedisStoreError} with code REDIS_UNEXPECTED_REPLY when the reply has another form.
 */
export function settleOutcomeFromReply(operation: 'commit' | 'release', reservationId: string, actual: bigint, reply: unknown): SettleOutcome {
  if (!Array.isArray(reply)) throw unexpected(operation, reply);
  const [status, held] = reply as unknown[];

  if (status === 'SETTLED') return SETTLED;
  if (status === 'EXPIRED') return EXPIRED;
  if (operation === 'commit' && status === 'EXCEEDS' && isUnits(held)) {
    throw new CommitExceedsHoldError(reservationId, actual, BigInt(held));
  }
  throw unexpected(operation, reply);
}

function isUnits(value: unknown): value is string {
  return typeof value === 'string' && /^\d+$/.test(value);
}

function unexpected(script: string, reply: unknown): RedisStoreError {
  return new RedisStoreError('REDIS_UNEXPECTED_REPLY', `the budget ${script} script returned ${JSON.stringify(reply)}, which is not one of its documented replies`);
}
