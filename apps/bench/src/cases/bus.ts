import { ActionGate, Gate, ManualClock, Policy } from '@auditgate/actiongate';
import { bridgeActionGate } from '@auditgate/bridge-actiongate';
import { GateBus } from '@auditgate/bus';
import { Engine } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import type { BenchCase } from '../harness.js';

/** Measures one actiongate check whose decision travels the bus and a bridge into a memory trail (HASH). */
function decisionToAudit(): BenchCase {
  const clock = new ManualClock(1000);
  const bus = new GateBus();
  const engine = new Engine({ store: new MemoryStore(), clock: () => clock.now() });
  bridgeActionGate({ engine, bus });
  const gates = new ActionGate({ bus, clock });
  const gate = new Gate('bench', 'search', 'user:1');
  const policy = new Policy({ maxCalls: 10_000_000, window: 1e9 });
  return {
    name: 'bus.decision_to_audit',
    iterations: 100_000,
    run() {
      clock.advance(1e-6);
      return gates.check(gate, policy);
    },
  };
}

export const busCases: BenchCase[] = [decisionToAudit()];
