import { GateBus, VetoError } from '@auditgate/bus';
import { ManualClock } from '@auditgate/gate-kit';
import { describe, expect, it, vi } from 'vitest';

import { Budget } from './budget.js';
import { BudgetGate } from './budget-gate.js';
import { Blocked, CommitExceedsEstimateError, InvalidAmountError } from './errors.js';
import { Ledger } from './ledger.js';
import { MemoryBudgetStore } from './memory-store.js';
import type { BudgetStore } from './store.js';
import { throwingStore } from './test-stores.js';

const ledger = new Ledger('openai', 'gpt-4o', 'agent:1');
const hard = new Budget({ maxSpend: '1.00', window: 3600 });
const soft = new Budget({ maxSpend: '1.00', window: 3600, mode: 'SOFT' });

function engine(options: { bus?: GateBus; store?: BudgetStore } = {}) {
  return new BudgetGate({ clock: new ManualClock(0), ...options });
}

async function spent(budgets: BudgetGate): Promise<string> {
  return (await budgets.check(ledger, hard, '0')).spentInWindow.toString();
}

function vetoingBus(veto: VetoError): GateBus {
  const bus = new GateBus();
  bus.on('decision', (event) => {
    if (event.decision.requested.toString() !== '0') {
      throw veto;
    }
  });
  return bus;
}

describe('BudgetGate.guard', () => {
  it('commits the fixed cost after success', async () => {
    const budgets = engine();
    const ask = budgets.guard(ledger, hard, '0.25')(async (prompt: string) => `echo ${prompt}`);

    await expect(ask('hi')).resolves.toBe('echo hi');
    expect(await spent(budgets)).toBe('0.25');
  });

  it('commits the actual cost from the result', async () => {
    const budgets = engine();
    const ask = budgets.guard(ledger, hard, '0.50', { actual: (reply: { cost: string }) => reply.cost })(async () => ({ cost: '0.12' }));

    await expect(ask()).resolves.toEqual({ cost: '0.12' });
    expect(await spent(budgets)).toBe('0.12');
  });

  it('throwing fn releases its reservation', async () => {
    const budgets = engine();
    const failure = new Error('model overloaded');
    const ask = budgets.guard(ledger, hard, '0.9')(async () => {
      throw failure;
    });

    await expect(ask()).rejects.toBe(failure);
    expect(await spent(budgets)).toBe('0');
  });

  it('abort during fn releases and rejects with the reason', async () => {
    const budgets = engine();
    const controller = new AbortController();
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const ask = budgets.guard(ledger, hard, '0.9', { signal: controller.signal })(() => {
      started();
      return new Promise<string>(() => undefined);
    });

    const call = ask();
    await running;
    expect(await spent(budgets)).toBe('0.9');
    controller.abort(new Error('user cancelled'));

    await expect(call).rejects.toThrow('user cancelled');
    expect(await spent(budgets)).toBe('0');
  });

  it('aborted signal stops the call before reserving', async () => {
    const budgets = engine();
    const controller = new AbortController();
    controller.abort();
    const fn = vi.fn();
    const ask = budgets.guard(ledger, hard, '0.9', { signal: controller.signal })(fn);

    await expect(ask()).rejects.toMatchObject({ name: 'AbortError' });
    expect(fn).not.toHaveBeenCalled();
    expect(await spent(budgets)).toBe('0');
  });

  it('HARD block throws Blocked and skips fn', async () => {
    const budgets = engine();
    const fn = vi.fn();
    const ask = budgets.guard(ledger, hard, '1.01')(fn);

    const error = await ask().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Blocked);
    expect((error as Blocked).decision.reason).toBe('BUDGET_EXCEEDED');
    expect(fn).not.toHaveBeenCalled();
  });

  it('SOFT block runs fn and records nothing', async () => {
    const budgets = engine();
    const ask = budgets.guard(ledger, soft, '1.01')(() => 'ran');

    await expect(ask()).resolves.toBe('ran');
    expect(await spent(budgets)).toBe('0');
  });

  it('store failure follows onStoreError', async () => {
    const closed = engine({ store: throwingStore }).guard(ledger, hard, '0.1')(() => 'ran');
    const open = engine({ store: throwingStore }).guard(ledger, new Budget({ maxSpend: '1', window: 60, onStoreError: 'FAIL_OPEN' }), '0.1')(
      () => 'ran',
    );

    await expect(closed()).rejects.toMatchObject({ decision: { reason: 'STORE_ERROR' } });
    await expect(open()).resolves.toBe('ran');
  });

  it('veto releases and skips fn', async () => {
    const veto = new VetoError('audit trail down');
    const budgets = engine({ bus: vetoingBus(veto) });
    const fn = vi.fn();
    const ask = budgets.guard(ledger, hard, '0.5')(fn);

    await expect(ask()).rejects.toBe(veto);
    expect(fn).not.toHaveBeenCalled();
    expect(await spent(budgets)).toBe('0');
  });

  it('actual above the estimate commits the estimate', async () => {
    const budgets = engine();
    const ask = budgets.guard(ledger, hard, '0.5', { actual: () => '0.7' })(() => 'done');

    await expect(ask()).rejects.toBeInstanceOf(CommitExceedsEstimateError);
    expect(await spent(budgets)).toBe('0.5');
  });

  it('throwing actual commits the estimate', async () => {
    const budgets = engine();
    const ask = budgets.guard(ledger, hard, '0.5', {
      actual: (): string => {
        throw new Error('usage missing');
      },
    })(() => 'done');

    await expect(ask()).rejects.toThrow('usage missing');
    expect(await spent(budgets)).toBe('0.5');
  });

  it('rejects an invalid estimate at once', () => {
    expect(() => engine().guard(ledger, hard, 0.5)).toThrow(InvalidAmountError);
  });

  it('keeps concurrent guarded calls within budget', async () => {
    const budgets = engine({ store: new MemoryBudgetStore() });
    const ask = budgets.guardResult(ledger, hard, '0.03')(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return 'ok';
    });

    const results = await Promise.all(Array.from({ length: 200 }, () => ask()));

    expect(results.filter((result) => result.ok)).toHaveLength(33);
    expect(await spent(budgets)).toBe('0.99');
  });
});

describe('BudgetGate.guardResult', () => {
  it('returns ok with the value', async () => {
    const result = await engine().guardResult(ledger, hard, '0.1')(() => 7)();

    expect(result.ok).toBe(true);
    expect(result.unwrap()).toBe(7);
    expect(result.decision.status).toBe('ALLOW');
  });

  it('returns an error result on HARD block', async () => {
    const result = await engine().guardResult(ledger, hard, '2')(() => 7)();

    expect(result.ok).toBe(false);
    expect(result.error).toBeInstanceOf(Blocked);
    expect(result.unwrapOr(0)).toBe(0);
    expect(() => result.unwrap()).toThrow(Blocked);
  });

  it('returns an error result on veto', async () => {
    const veto = new VetoError('audit trail down');
    const budgets = engine({ bus: vetoingBus(veto) });

    const result = await budgets.guardResult(ledger, hard, '0.2')(() => 7)();

    expect(result.error).toBe(veto);
    expect(await spent(budgets)).toBe('0');
  });

  it('still rejects when fn throws', async () => {
    const budgets = engine();
    const failure = new Error('tool crashed');

    await expect(
      budgets.guardResult(ledger, hard, '0.2')(() => {
        throw failure;
      })(),
    ).rejects.toBe(failure);
    expect(await spent(budgets)).toBe('0');
  });
});
