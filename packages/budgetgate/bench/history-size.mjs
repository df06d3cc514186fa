// Measures BudgetGate.check with the memory store as the window fills up to 1.2 million spends,
// to show that the cost per check does not grow with history. Run `pnpm exec tsup` first.
import { Budget, BudgetGate, Decimal, Ledger, ManualClock } from '../dist/index.js';

const clock = new ManualClock(1000);
const budgets = new BudgetGate({ clock });
const ledger = new Ledger('bench', 'model', 'global');
const budget = new Budget({ maxSpend: '1000000000', window: 1e9 });
const cent = Decimal.from('0.01');

async function measure(calls, label, amount) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i += 1) {
    clock.advance(1e-6);
    await budgets.check(ledger, budget, amount);
  }
  const nanoseconds = Number(process.hrtime.bigint() - start) / calls;
  console.log(`${label}: ${nanoseconds.toFixed(0)} ns per check`);
}

await measure(100_000, 'warm-up, 0 to 100k spends in the window', cent);
await measure(1_000_000, '100k to 1.1M spends in the window', cent);
await measure(100_000, 'with 1.1M spends in the window, Decimal amount', cent);
await measure(100_000, 'with 1.2M spends in the window, string amount', '0.01');

const spent = (await budgets.check(ledger, budget, '0')).spentInWindow.toString();
console.log(`spent in window: ${spent} (expected 13000)`);
