import { Budget } from './budget.js';
import { InvalidBudgetError, InvalidIdentityError } from './errors.js';
import { Ledger } from './ledger.js';

/**
 * Rejects arguments that were not built by the Ledger and Budget constructors, which are the
 * only place their fields are validated.
 *
 * @throws {InvalidIdentityError} or {@link InvalidBudgetError}.
 */
export function requireArguments(ledger: Ledger, budget: Budget): void {
  if (!(ledger instanceof Ledger)) {
    throw new InvalidIdentityError(
      'identity',
      ledger,
      'Invalid ledger: expected a Ledger instance; build one with new Ledger(namespace, resource, principal).',
    );
  }
  if (!(budget instanceof Budget)) {
    throw new InvalidBudgetError('budget', budget, 'Invalid budget: expected a Budget instance; build one with new Budget({ maxSpend, window }).');
  }
}

/**
 * Returns `ttl` when it is a finite number of seconds > 0.
 *
 * @throws {InvalidBudgetError} naming `field` otherwise.
 */
export function requireTtl(ttl: number, field: string): number {
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0) {
    throw new InvalidBudgetError(field, ttl, `Invalid ${field} ${String(ttl)}: expected a finite number of seconds > 0.`);
  }
  return ttl;
}
