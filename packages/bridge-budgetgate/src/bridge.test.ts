import { Budget, BudgetGate, Ledger, ManualClock } from '@auditgate/budgetgate';
import { GateBus, VetoError } from '@auditgate/bus';
import { Engine, type Store } from '@auditgate/core';
import { FaultyStore } from '@auditgate/store-conformance';
import { MemoryStore } from '@auditgate/store-memory';
import { describe, expect, it, vi } from 'vitest';
import { bridgeBudgetGate } from './index.js';

const LEDGER = new Ledger('openai', 'gpt-4o', 'team:eng');
const TRAIL = 'openai:budgetgate@team:eng';

function setup(store: Store = new MemoryStore()) {
  const bus = new GateBus();
  const engine = new Engine({ store });
  const bridge = bridgeBudgetGate({ engine, bus });
  const gate = new BudgetGate({ bus, clock: new ManualClock(1000) });
  return { engine, bridge, gate };
}

describe('bridgeBudgetGate', () => {
  it('records amounts as the decimal strings of the wire form', async () => {
    const { engine, bridge, gate } = setup();
    const budget = new Budget({ maxSpend: '1.00', window: 3600 });
    await gate.check(LEDGER, budget, '0.10');
    await gate.check(LEDGER, budget, '0.20');
    await gate.check(LEDGER, budget, '0.75');
    await bridge.flush();

    const entries = await engine.query({ trail: TRAIL });
    expect(entries.map((entry) => entry.verdict)).toEqual(['ALLOW', 'ALLOW', 'BLOCK']);
    expect(entries[2]!.reason).toBe('BUDGET_EXCEEDED');
    expect(entries[2]!.detail).toMatchObject({ ledger: 'openai:gpt-4o@team:eng', spent_in_window: '0.3', requested: '0.75', remaining: '0.7' });
  });

  it('releases the reservation and skips the action when a FAIL_CLOSED trail cannot record', async () => {
    const store = new FaultyStore(new MemoryStore());
    const { engine, bridge, gate } = setup(store);
    engine.register(TRAIL, { onStoreError: 'FAIL_CLOSED' });
    const budget = new Budget({ maxSpend: '10', window: null });

    store.failAlways('append');
    const action = vi.fn(() => 'paid');
    await expect(gate.guard(LEDGER, budget, '10')(action)()).rejects.toBeInstanceOf(VetoError);
    expect(action).not.toHaveBeenCalled();
    expect(bridge.failures).toBe(1);

    // The vetoed reservation no longer counts, so the whole budget is still there.
    store.heal();
    expect((await gate.check(LEDGER, budget, '10')).status).toBe('ALLOW');
  });
});
