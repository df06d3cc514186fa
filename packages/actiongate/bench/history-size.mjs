// Measures ActionGate.check with the memory store as the window fills up to 1.1 million calls,
// to show that the cost per check does not grow with history. Run `pnpm exec tsup` first.
import { ActionGate, Gate, ManualClock, Policy } from '../dist/index.js';

const clock = new ManualClock(1000);
const actions = new ActionGate({ clock });
const gate = new Gate('bench', 'call', 'global');
const policy = new Policy({ maxCalls: 2_000_000, window: 1e9 });

async function measure(calls, label) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i += 1) {
    clock.advance(1e-6);
    await actions.check(gate, policy);
  }
  const nanoseconds = Number(process.hrtime.bigint() - start) / calls;
  console.log(`${label}: ${nanoseconds.toFixed(0)} ns per check`);
}

await measure(100_000, 'warm-up, 0 to 100k calls in the window');
await measure(1_000_000, '100k to 1.1M calls in the window');
await measure(100_000, 'with 1.1M calls in the window');
