import { ActionGate, Blocked, Gate, ManualClock, Policy } from '@auditgate/actiongate';
import { bridgeActionGate } from '@auditgate/bridge-actiongate';
import { bridgeBudgetGate } from '@auditgate/bridge-budgetgate';
import { Budget, BudgetGate, Ledger } from '@auditgate/budgetgate';
import { GateBus } from '@auditgate/bus';
import { Engine } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import { describe, expect, it } from 'vitest';
import { expectValidChain } from '../engine/helpers.js';

describe('both gates through the bus into CHAIN trails', () => {
  it('records every decision of both gates, and the trails verify', async () => {
    const bus = new GateBus();
    const clock = new ManualClock(1_700_000_000);
    const engine = new Engine({ store: new MemoryStore(), clock, defaultPolicy: { integrity: 'CHAIN' } });
    const bridges = [bridgeActionGate({ engine, bus }), bridgeBudgetGate({ engine, bus })];
    const actions = new ActionGate({ bus, clock });
    const budgets = new BudgetGate({ bus, clock });

    const refund = new Gate('shop', 'refund', 'user:1');
    const ledger = new Ledger('shop', 'payments', 'user:1');
    const policy = new Policy({ maxCalls: 2, window: 60, cooldown: 5 });
    const budget = new Budget({ maxSpend: '100.00', window: 3600 });

    let ran = 0;
    let blocked = 0;
    for (let i = 0; i < 6; i++) {
      clock.advance(25);
      try {
        await actions.guard(refund, policy)(() => ran++)();
      } catch (error) {
        if (!(error instanceof Blocked)) throw error;
        blocked++;
      }
      await budgets.check(ledger, budget, '30.00');
    }
    await Promise.all(bridges.map((bridge) => bridge.flush()));

    // Calls at 25 and 50 fill the window; the one at 75 is blocked; 100 and 125 fit again; 150 does not.
    expect(ran).toBe(4);
    expect(blocked).toBe(2);
    const actionTrail = await engine.query({ trail: 'shop:actiongate@user:1' });
    const budgetTrail = await engine.query({ trail: 'shop:budgetgate@user:1' });
    expect(actionTrail).toHaveLength(6);
    expect(budgetTrail.map((entry) => entry.verdict)).toEqual(['ALLOW', 'ALLOW', 'ALLOW', 'BLOCK', 'BLOCK', 'BLOCK']);
    expectValidChain(actionTrail);
    expectValidChain(budgetTrail);
  });

  it('allows exactly maxCalls of 1,000 concurrent calls, and records all 1,000 decisions', async () => {
    const bus = new GateBus();
    const engine = new Engine({ store: new MemoryStore(), defaultPolicy: { integrity: 'CHAIN' } });
    const bridge = bridgeActionGate({ engine, bus });
    const actions = new ActionGate({ bus });
    const gate = new Gate('api', 'search', 'global');
    const policy = new Policy({ maxCalls: 10, window: 60 });

    const decisions = await Promise.all(Array.from({ length: 1000 }, () => actions.check(gate, policy)));
    await bridge.flush();

    expect(decisions.filter((decision) => decision.status === 'ALLOW')).toHaveLength(10);
    const trail = await engine.query({ trail: 'api:actiongate@global' });
    expect(trail).toHaveLength(1000);
    expect(trail.filter((entry) => entry.verdict === 'ALLOW')).toHaveLength(10);
    expectValidChain(trail);
  });
});
