import { ValidationError } from '@auditgate/core';
import type { CallLimits } from '@auditgate/actiongate';
import type { SpendRequest } from '@auditgate/budgetgate';

/**
 * Maximum window, cooldown or hold that the gate stores accept: 10^9 seconds, about 31.7 years. The
 * scripts count time in whole microseconds in Lua doubles, and this bound keeps every sum of a
 * time and a duration far below 2^53, where doubles stop being exact.
 */
export const MAX_DURATION_SECONDS = 1_000_000_000;

const MICROSECONDS_PER_SECOND = 1_000_000;

/**
 * Checks a policy's limits and returns the action script's arguments: maxCalls, the window in
 * whole µs ('' for none) and the cooldown in whole µs.
 *
 * @throws {ValidationError} naming the invalid field.
 */
export function callLimitArgs(limits: CallLimits): [string, string, string] {
  if (typeof limits !== 'object' || limits === null) {
    throw new ValidationError('limits', 'expected an object with maxCalls, window and cooldown, such as a Policy');
  }
  const { maxCalls, window, cooldown } = limits;
  if (typeof maxCalls !== 'number' || !Number.isSafeInteger(maxCalls) || maxCalls < 0) {
    throw new ValidationError('maxCalls', `expected an integer >= 0, got ${String(maxCalls)}`);
  }
  const windowMicros = window === null ? '' : toMicroseconds(window, 'window', false);
  return [String(maxCalls), windowMicros, toMicroseconds(cooldown, 'cooldown', true)];
}

/**
 * Checks a spend request and returns the check script's arguments: amount and maxSpend as
 * decimal strings, the window in whole µs ('' for none), the scale, and the hold in whole µs
 * ('' for a spend).
 *
 * @throws {ValidationError} naming the invalid field.
 */
export function spendArgs(request: SpendRequest): [string, string, string, string, string] {
  if (typeof request !== 'object' || request === null) {
    throw new ValidationError('request', 'expected an object with amount, maxSpend, window, scale and holdFor');
  }
  const { amount, maxSpend, window, scale, holdFor } = request;
  if (typeof scale !== 'number' || !Number.isSafeInteger(scale) || scale < 0) {
    throw new ValidationError('scale', `expected an integer >= 0, got ${String(scale)}`);
  }
  const windowMicros = window === null ? '' : toMicroseconds(window, 'window', false);
  const holdMicros = holdFor === null ? '' : toMicroseconds(holdFor, 'holdFor', false);
  return [units(amount, 'amount'), units(maxSpend, 'maxSpend'), windowMicros, String(scale), holdMicros];
}

/**
 * Checks an amount in minor units and returns it as a decimal string.
 *
 * @throws {ValidationError} naming `field` when the amount is not a bigint >= 0.
 */
export function units(amount: bigint, field: string): string {
  if (typeof amount !== 'bigint' || amount < 0n) {
    throw new ValidationError(field, `expected a bigint count of minor units >= 0, got ${String(amount)}`);
  }
  return amount.toString();
}

/**
 * Checks a reservation id as the check script issues it: digits, `-` and digits.
 *
 * @throws {ValidationError} otherwise.
 */
export function reservationIdArg(reservationId: string): string {
  if (typeof reservationId !== 'string' || !/^\d+-\d+$/.test(reservationId)) {
    throw new ValidationError('reservationId', `expected an id returned by RedisBudgetStore.checkAndReserve, such as 1733338800123456-7, got ${String(reservationId)}`);
  }
  return reservationId;
}

function toMicroseconds(seconds: number, field: string, allowZero: boolean): string {
  const lowest = allowZero ? '>= 0' : '> 0';
  const valid = typeof seconds === 'number' && Number.isFinite(seconds) && (allowZero ? seconds >= 0 : seconds > 0);
  if (!valid || seconds > MAX_DURATION_SECONDS) {
    throw new ValidationError(field, `expected a finite number of seconds ${lowest} and <= ${MAX_DURATION_SECONDS}, got ${String(seconds)}`);
  }

  // A positive duration shorter than 1 µs still lasts 1 µs, so that it never rounds to "none".
  const micros = Math.round(seconds * MICROSECONDS_PER_SECOND);
  return String(seconds > 0 ? Math.max(micros, 1) : 0);
}
