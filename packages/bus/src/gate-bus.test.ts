import { describe, expect, it, vi } from 'vitest';

import type { DecisionEvent, ListenerErrorEvent } from './decision-event.js';
import type { ListenerFailure } from './delivery-report.js';
import { GateBus } from './gate-bus.js';
import { VetoError } from './veto-error.js';

interface ProbeDecision {
  readonly allowed: boolean;
}

declare module './decision-event.js' {
  interface GateDecisionMap {
    probegate: ProbeDecision;
  }
}

function decisionEvent(identity = 'test:probe@global'): DecisionEvent {
  return { gateType: 'probegate', identity, decision: { allowed: true }, wire: { status: 'ALLOW' } };
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('GateBus', () => {
  describe('delivery', () => {
    it('calls listeners in registration order', async () => {
      const bus = new GateBus();
      const calls: string[] = [];
      bus.on('decision', () => calls.push('first'));
      bus.on('decision', () => calls.push('second'));

      await bus.emit('decision', decisionEvent());

      expect(calls).toEqual(['first', 'second']);
    });

    it('resolves an empty report without listeners', async () => {
      const report = await new GateBus().emit('decision', decisionEvent());

      expect(report).toEqual({ errors: [], vetoes: [] });
    });

    it('report waits for async listeners', async () => {
      const bus = new GateBus();
      const slow = deferred();
      bus.on('decision', () => slow.promise);

      let settled = false;
      const report = bus.emit('decision', decisionEvent()).then((value) => {
        settled = true;
        return value;
      });
      await Promise.resolve();
      await Promise.resolve();
      expect(settled).toBe(false);

      slow.resolve();
      await report;
      expect(settled).toBe(true);
    });

    it('ignores non-promise return values', async () => {
      const bus = new GateBus();
      bus.on('decision', () => 42);

      const report = await bus.emit('decision', decisionEvent());

      expect(report.errors).toEqual([]);
      expect(bus.pendingListeners).toBe(0);
    });
  });

  describe('listener errors', () => {
    it('sync throw does not stop later listeners', async () => {
      const bus = new GateBus();
      const failure = new Error('listener broke');
      const later = vi.fn();
      bus.on('decision', () => {
        throw failure;
      });
      bus.on('decision', later);

      const report = await bus.emit('decision', decisionEvent());

      expect(later).toHaveBeenCalledTimes(1);
      expect(report.errors).toEqual([failure]);
      expect(report.vetoes).toEqual([]);
      expect(bus.listenerErrors).toBe(1);
    });

    it('async rejection is collected in the report', async () => {
      const bus = new GateBus();
      const failure = new Error('async listener broke');
      bus.on('decision', async () => {
        await Promise.resolve();
        throw failure;
      });

      const report = await bus.emit('decision', decisionEvent());

      expect(report.errors).toEqual([failure]);
      expect(bus.listenerErrors).toBe(1);
    });

    it('emits listenerError and calls the hook', async () => {
      const failures: ListenerFailure[] = [];
      const bus = new GateBus({ onListenerError: (failure) => failures.push(failure) });
      const errorEvents: ListenerErrorEvent[] = [];
      bus.on('listenerError', (event) => {
        errorEvents.push(event);
      });
      const failure = new Error('listener broke');
      bus.on('decision', () => {
        throw failure;
      });
      const event = decisionEvent();

      await bus.emit('decision', event);

      expect(errorEvents).toEqual([{ error: failure, event }]);
      expect(failures).toEqual([{ eventType: 'decision', error: failure, payload: event }]);
    });

    it('failing listenerError listener is counted once', async () => {
      const failures: ListenerFailure[] = [];
      const bus = new GateBus({ onListenerError: (failure) => failures.push(failure) });
      const secondary = new Error('error listener broke');
      bus.on('listenerError', () => {
        throw secondary;
      });
      bus.on('decision', () => {
        throw new Error('listener broke');
      });

      const report = await bus.emit('decision', decisionEvent());

      expect(bus.listenerErrors).toBe(2);
      expect(report.errors).toHaveLength(1);
      expect(failures.map((failure) => failure.eventType)).toEqual(['decision', 'listenerError']);
      expect(failures[1]?.error).toBe(secondary);
    });

    it('throwing hook does not break delivery', async () => {
      const bus = new GateBus({
        onListenerError: () => {
          throw new Error('hook broke');
        },
      });
      const later = vi.fn();
      bus.on('decision', () => {
        throw new Error('listener broke');
      });
      bus.on('decision', later);

      const report = await bus.emit('decision', decisionEvent());

      expect(later).toHaveBeenCalledTimes(1);
      expect(report.errors).toHaveLength(1);
    });
  });

  describe('vetoes', () => {
    it('sync and async vetoes land in vetoes only', async () => {
      const failures: ListenerFailure[] = [];
      const bus = new GateBus({ onListenerError: (failure) => failures.push(failure) });
      const errorEvents = vi.fn();
      bus.on('listenerError', errorEvents);
      const syncVeto = new VetoError('sync veto');
      const asyncVeto = new VetoError('async veto', { cause: new Error('disk full') });
      bus.on('decision', () => {
        throw syncVeto;
      });
      bus.on('decision', () => Promise.reject(asyncVeto));

      const report = await bus.emit('decision', decisionEvent());

      expect(report.vetoes).toEqual([syncVeto, asyncVeto]);
      expect(report.errors).toEqual([]);
      expect(bus.listenerErrors).toBe(0);
      expect(errorEvents).not.toHaveBeenCalled();
      expect(failures).toEqual([]);
    });

    it('veto from a listenerError listener is an error', async () => {
      const bus = new GateBus();
      bus.on('listenerError', () => {
        throw new VetoError('misplaced veto');
      });
      bus.on('decision', () => {
        throw new Error('listener broke');
      });

      await bus.emit('decision', decisionEvent());

      expect(bus.listenerErrors).toBe(2);
    });
  });

  describe('re-entrancy', () => {
    it('listener added during emit runs from the next emit', async () => {
      const bus = new GateBus();
      const added = vi.fn();
      let registered = false;
      bus.on('decision', () => {
        if (!registered) {
          registered = true;
          bus.on('decision', added);
        }
      });

      await bus.emit('decision', decisionEvent());
      expect(added).not.toHaveBeenCalled();

      await bus.emit('decision', decisionEvent());
      expect(added).toHaveBeenCalledTimes(1);
    });

    it('listener removed during emit still gets that emit', async () => {
      const bus = new GateBus();
      const removed = vi.fn();
      bus.on('decision', () => bus.off('decision', removed));
      bus.on('decision', removed);

      await bus.emit('decision', decisionEvent());
      await bus.emit('decision', decisionEvent());

      expect(removed).toHaveBeenCalledTimes(1);
    });

    it('listener can remove itself', async () => {
      const bus = new GateBus();
      const once = vi.fn(() => unsubscribe());
      const unsubscribe = bus.on('decision', once);

      await bus.emit('decision', decisionEvent());
      await bus.emit('decision', decisionEvent());

      expect(once).toHaveBeenCalledTimes(1);
      expect(bus.listenerCount('decision')).toBe(0);
    });

    it('nested emit gets its own report', async () => {
      const bus = new GateBus();
      const innerFailure = new Error('inner broke');
      let innerReport: Promise<unknown> | undefined;
      bus.on('decision', (event) => {
        if (event.identity === 'test:outer@global') {
          innerReport = bus.emit('decision', decisionEvent('test:inner@global'));
          return;
        }
        throw innerFailure;
      });

      const outer = await bus.emit('decision', decisionEvent('test:outer@global'));

      expect(outer.errors).toEqual([]);
      await expect(innerReport).resolves.toEqual({ errors: [innerFailure], vetoes: [] });
    });
  });

  describe('registration', () => {
    it('same listener registered twice runs twice', async () => {
      const bus = new GateBus();
      const listener = vi.fn();
      bus.on('decision', listener);
      bus.on('decision', listener);

      await bus.emit('decision', decisionEvent());

      expect(listener).toHaveBeenCalledTimes(2);
    });

    it('off removes one registration at a time', async () => {
      const bus = new GateBus();
      const listener = vi.fn();
      bus.on('decision', listener);
      bus.on('decision', listener);

      bus.off('decision', listener);
      await bus.emit('decision', decisionEvent());
      expect(listener).toHaveBeenCalledTimes(1);

      bus.off('decision', listener);
      bus.off('decision', listener);
      await bus.emit('decision', decisionEvent());
      expect(listener).toHaveBeenCalledTimes(1);
    });

    it('unsubscribe twice is harmless', () => {
      const bus = new GateBus();
      const keep = vi.fn();
      const unsubscribe = bus.on('decision', vi.fn());
      bus.on('decision', keep);

      unsubscribe();
      unsubscribe();

      expect(bus.listenerCount('decision')).toBe(1);
    });
  });

  describe('drain', () => {
    it('waits for work started while draining', async () => {
      const bus = new GateBus();
      const first = deferred();
      const second = deferred();
      let secondStarted = false;
      bus.on('decision', (event) => {
        if (event.identity === 'test:first@global') {
          return first.promise.then(() => {
            secondStarted = true;
            void bus.emit('decision', decisionEvent('test:second@global'));
          });
        }
        return second.promise;
      });
      void bus.emit('decision', decisionEvent('test:first@global'));

      let drained = false;
      const draining = bus.drain().then(() => {
        drained = true;
      });
      first.resolve();
      await vi.waitFor(() => expect(secondStarted).toBe(true));
      expect(drained).toBe(false);
      expect(bus.pendingListeners).toBe(1);

      second.resolve();
      await draining;
      expect(bus.pendingListeners).toBe(0);
    });

    it('resolves at once when idle', async () => {
      await expect(new GateBus().drain()).resolves.toBeUndefined();
    });

    it('does not reject on failed listeners', async () => {
      const bus = new GateBus();
      bus.on('decision', () => Promise.reject(new Error('late failure')));
      void bus.emit('decision', decisionEvent());

      await bus.drain();

      expect(bus.listenerErrors).toBe(1);
    });
  });
});
