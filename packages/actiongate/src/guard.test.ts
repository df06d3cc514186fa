import { GateBus, VetoError } from '@auditgate/bus';
import { ManualClock } from '@auditgate/gate-kit';
import { describe, expect, it, vi } from 'vitest';

import { ActionGate } from './action-gate.js';
import { Blocked, InvalidPolicyError } from './errors.js';
import { Gate } from './gate.js';
import { Policy } from './policy.js';

const gate = new Gate('mail', 'send', 'agent:7');
const hard = new Policy({ maxCalls: 1, window: 60 });
const soft = new Policy({ maxCalls: 1, window: 60, mode: 'SOFT' });

function engine(bus?: GateBus) {
  return new ActionGate({ clock: new ManualClock(0), ...(bus ? { bus } : {}) });
}

function vetoingBus(veto: VetoError): GateBus {
  const bus = new GateBus();
  bus.on('decision', async () => {
    await Promise.resolve();
    throw veto;
  });
  return bus;
}

describe('ActionGate.guard', () => {
  it('runs fn with its arguments when allowed', async () => {
    const send = engine().guard(gate, hard)(async (to: string, body: string) => `${to}:${body}`);

    await expect(send('ops', 'hi')).resolves.toBe('ops:hi');
  });

  it('HARD block throws Blocked and skips fn', async () => {
    const fn = vi.fn(() => 'sent');
    const send = engine().guard(gate, hard)(fn);
    await send();

    const error = await send().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Blocked);
    expect((error as Blocked).decision.reason).toBe('RATE_LIMIT');
    expect((error as Blocked).code).toBe('BLOCKED');
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('SOFT block still runs fn', async () => {
    const fn = vi.fn(() => 'sent');
    const send = engine().guard(gate, soft)(fn);
    await send();

    await expect(send()).resolves.toBe('sent');
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('veto stops fn and is thrown', async () => {
    const veto = new VetoError('audit trail unavailable');
    const fn = vi.fn();
    const send = engine(vetoingBus(veto)).guard(gate, hard)(fn);

    await expect(send()).rejects.toBe(veto);
    expect(fn).not.toHaveBeenCalled();
  });

  it('veto stops fn under SOFT too', async () => {
    const veto = new VetoError('audit trail unavailable');
    const fn = vi.fn();
    const send = engine(vetoingBus(veto)).guard(gate, soft)(fn);

    await expect(send()).rejects.toBe(veto);
    expect(fn).not.toHaveBeenCalled();
  });

  it('HARD block wins over a veto', async () => {
    const actions = engine(vetoingBus(new VetoError('no trail')));
    const send = actions.guard(gate, hard)(vi.fn());
    await send().catch(() => undefined);

    await expect(send()).rejects.toBeInstanceOf(Blocked);
  });

  it('waits for listeners before fn runs', async () => {
    const bus = new GateBus();
    const order: string[] = [];
    bus.on('decision', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push('recorded');
    });
    const send = engine(bus).guard(gate, hard)(() => {
      order.push('sent');
    });

    await send();

    expect(order).toEqual(['recorded', 'sent']);
  });

  it('listener error does not stop fn', async () => {
    const bus = new GateBus();
    bus.on('decision', () => {
      throw new Error('metrics down');
    });
    const send = engine(bus).guard(gate, hard)(() => 'sent');

    await expect(send()).resolves.toBe('sent');
  });

  it('passes errors of fn through', async () => {
    const failure = new Error('smtp down');
    const send = engine().guard(gate, hard)(async () => {
      throw failure;
    });

    await expect(send()).rejects.toBe(failure);
  });

  it('rejects invalid arguments at once', () => {
    expect(() => engine().guard(gate, {} as Policy)).toThrow(InvalidPolicyError);
  });
});

describe('ActionGate.guardResult', () => {
  it('returns ok with the value', async () => {
    const send = engine().guardResult(gate, hard)(() => 42);

    const result = await send();

    expect(result.ok).toBe(true);
    expect(result.value).toBe(42);
    expect(result.unwrap()).toBe(42);
    expect(result.unwrapOr(0)).toBe(42);
    expect(result.decision.status).toBe('ALLOW');
  });

  it('returns an error result on HARD block', async () => {
    const fn = vi.fn(() => 42);
    const send = engine().guardResult(gate, hard)(fn);
    await send();

    const result = await send();

    expect(result.ok).toBe(false);
    expect(result.value).toBeUndefined();
    expect(result.error).toBeInstanceOf(Blocked);
    expect(result.unwrapOr(-1)).toBe(-1);
    expect(() => result.unwrap()).toThrow(Blocked);
    expect(result.decision.reason).toBe('RATE_LIMIT');
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('SOFT block returns ok with a BLOCK decision', async () => {
    const send = engine().guardResult(gate, soft)(() => 'ran');
    await send();

    const result = await send();

    expect(result.ok).toBe(true);
    expect(result.value).toBe('ran');
    expect(result.decision.status).toBe('BLOCK');
  });

  it('veto gives an error result', async () => {
    const veto = new VetoError('no trail');
    const send = engine(vetoingBus(veto)).guardResult(gate, hard)(() => 1);

    const result = await send();

    expect(result.ok).toBe(false);
    expect(result.error).toBe(veto);
    expect(() => result.unwrap()).toThrow(veto);
  });

  it('narrows on ok', async () => {
    const result = await engine().guardResult(gate, hard)(() => 'text')();

    if (result.ok) {
      expect(result.value.toUpperCase()).toBe('TEXT');
    } else {
      expect.unreachable();
    }
  });
});
