import { ActionGate, Gate, ManualClock, Policy } from '@auditgate/actiongate';
import { Budget, BudgetGate, Ledger } from '@auditgate/budgetgate';
import type { BenchCase } from '../harness.js';

const STEP = 1e-6;

/**
 * An action gate whose window already contains `history` allowed calls. The timed check is one more
 * allowed call, so the window keeps growing during the run.
 */
function actionCase(name: string, history: number): BenchCase {
  const clock = new ManualClock(1000);
  const gates = new ActionGate({ clock });
  const gate = new Gate('bench', 'search', 'user:1');
  const policy = new Policy({ maxCalls: 10_000_000, window: 1e9 });
  return {
    name,
    iterations: 100_000,
    async setup() {
      for (let i = 0; i < history; i++) {
        clock.advance(STEP);
        await gates.check(gate, policy);
      }
    },
    run() {
      clock.advance(STEP);
      return gates.check(gate, policy);
    },
  };
}

/** Builds a case on a budget whose window already contains `history` spends; each timed check adds one. */
function budgetCase(name: string, history: number): BenchCase {
  const clock = new ManualClock(1000);
  const budgets = new BudgetGate({ clock });
  const ledger = new Ledger('bench', 'tokens', 'user:1');
  const budget = new Budget({ maxSpend: '1000000000', window: 1e9, scale: 2 });
  return {
    name,
    iterations: 100_000,
    async setup() {
      for (let i = 0; i < history; i++) {
        clock.advance(STEP);
        await budgets.check(ledger, budget, '0.01');
      }
    },
    run() {
      clock.advance(STEP);
      return budgets.check(ledger, budget, '0.01');
    },
  };
}

function reserveCommitCase(): BenchCase {
  const clock = new ManualClock(1000);
  const budgets = new BudgetGate({ clock });
  const ledger = new Ledger('bench', 'tokens', 'user:1');
  const budget = new Budget({ maxSpend: '1000000000', window: 3600, scale: 2 });
  return {
    name: 'budgetgate.reserve_commit',
    iterations: 50_000,
    async run() {
      clock.advance(STEP);
      const reservation = await budgets.reserve(ledger, budget, '0.50');
      await reservation.commit('0.25');
    },
  };
}

export const gateCases: BenchCase[] = [
  actionCase('actiongate.check', 10_000),
  budgetCase('budgetgate.check', 10_000),
  reserveCommitCase(),
  actionCase('actiongate.check.history_1m', 1_000_000),
  budgetCase('budgetgate.check.history_1m', 1_000_000),
];
