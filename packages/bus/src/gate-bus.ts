import mitt, { type Emitter, type Handler } from 'mitt';

import type { BusEvents, BusEventType, BusListener, DecisionEvent } from './decision-event.js';
import { Delivery, type DeliveryReport, type ListenerFailure } from './delivery-report.js';
import { VetoError } from './veto-error.js';

/** Options for {@link GateBus}. */
export interface GateBusOptions {
  /**
   * Called for every listener failure (VetoErrors excluded), of `decision` and of
   * `listenerError` listeners alike. An exception thrown by the hook itself is ignored,
   * because there is nowhere left to report it.
   */
  onListenerError?: (failure: ListenerFailure) => void;
}

type AnyListener = BusListener<BusEventType>;
type AnyHandler = Handler<BusEvents[BusEventType]>;

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Typed event bus that carries gate decisions to their observers, such as an audit bridge.
 *
 * Built on mitt, with three changes to mitt's behaviour. A listener that throws or rejects
 * never stops the other listeners or the gate: the failure is counted and reported.
 * `emit` returns a promise of a {@link DeliveryReport} that settles once every listener,
 * sync or async, has settled. {@link GateBus.drain} waits for every listener still running.
 *
 * Listeners run synchronously in registration order, as in mitt. The set of listeners is
 * fixed when an emit starts: a listener added during an emit first runs on the next emit,
 * and a listener removed during an emit still receives the current one.
 */
export class GateBus {
  readonly #emitter: Emitter<BusEvents> = mitt<BusEvents>();

  readonly #handlers = new Map<BusEventType, Map<AnyListener, AnyHandler[]>>();

  readonly #pending = new Set<Promise<void>>();

  readonly #onListenerError: ((failure: ListenerFailure) => void) | undefined;

  #listenerErrors = 0;

  // The delivery of the emit whose listeners are running now, or null while `listenerError` listeners run.
  #delivery: Delivery | null = null;

  constructor(options: GateBusOptions = {}) {
    this.#onListenerError = options.onListenerError;
  }

  /** Number of listener failures so far, VetoErrors excluded. */
  get listenerErrors(): number {
    return this.#listenerErrors;
  }

  /** Number of listener promises that have not settled yet. */
  get pendingListeners(): number {
    return this.#pending.size;
  }

  /**
   * Registers `listener` for `type`. Registering the same function twice makes it run twice.
   *
   * @returns A function that removes this registration. Calling it again does nothing.
   */
  on<E extends BusEventType>(type: E, listener: BusListener<E>): () => void {
    const handler = this.#wrap(type, listener as AnyListener);

    let byListener = this.#handlers.get(type);
    if (byListener === undefined) {
      byListener = new Map();
      this.#handlers.set(type, byListener);
    }
    const registrations = byListener.get(listener as AnyListener) ?? [];
    registrations.push(handler);
    byListener.set(listener as AnyListener, registrations);

    this.#emitter.on(type, handler as Handler<BusEvents[E]>);
    return () => this.#remove(type, listener as AnyListener, handler);
  }

  /** Removes the earliest registration of `listener` for `type`, and does nothing if there is none. */
  off<E extends BusEventType>(type: E, listener: BusListener<E>): void {
    const first = this.#handlers.get(type)?.get(listener as AnyListener)?.[0];
    if (first !== undefined) {
      this.#remove(type, listener as AnyListener, first);
    }
  }

  /** Number of listeners registered for `type`. */
  listenerCount(type: BusEventType): number {
    return this.#emitter.all.get(type)?.length ?? 0;
  }

  /**
   * Delivers a decision to every `decision` listener. Never rejects.
   *
   * @returns A report that resolves once every listener, sync or async, has settled.
   */
  emit(type: 'decision', event: DecisionEvent): Promise<DeliveryReport> {
    const delivery = new Delivery();
    this.#dispatch(type, event, delivery);
    return delivery.report();
  }

  /**
   * Waits until every listener promise has settled, including promises started by emits made
   * while draining. Call it before shutdown so that no listener work is lost.
   */
  async drain(): Promise<void> {
    while (this.#pending.size > 0) {
      await Promise.all(this.#pending);
    }
  }

  #dispatch<E extends BusEventType>(type: E, payload: BusEvents[E], delivery: Delivery | null): void {
    // A listener may emit again, so the outer delivery is restored to keep each report separate.
    const outer = this.#delivery;
    this.#delivery = delivery;
    try {
      this.#emitter.emit(type, payload);
    } finally {
      this.#delivery = outer;
    }
  }

  #wrap(type: BusEventType, listener: AnyListener): AnyHandler {
    return (payload) => {
      const delivery = this.#delivery;

      let result: unknown;
      try {
        result = listener(payload);
      } catch (error) {
        this.#fail(type, error, payload, delivery);
        return;
      }

      if (isPromiseLike(result)) {
        this.#track(type, result, payload, delivery);
      }
    };
  }

  #track(type: BusEventType, result: PromiseLike<unknown>, payload: unknown, delivery: Delivery | null): void {
    const settled: Promise<void> = Promise.resolve(result).then(
      () => {
        this.#pending.delete(settled);
      },
      (error: unknown) => {
        this.#pending.delete(settled);
        this.#fail(type, error, payload, delivery);
      },
    );
    this.#pending.add(settled);
    delivery?.pending.push(settled);
  }

  #fail(type: BusEventType, error: unknown, payload: unknown, delivery: Delivery | null): void {
    if (type === 'decision' && VetoError.isInstance(error)) {
      delivery?.vetoes.push(error);
      return;
    }

    this.#listenerErrors += 1;
    delivery?.errors.push(error);
    this.#callHook({ eventType: type, error, payload });

    // Failures of listenerError listeners stop here, so a failing one cannot loop.
    if (type === 'decision') {
      this.#dispatch('listenerError', { error, event: payload as DecisionEvent }, null);
    }
  }

  #callHook(failure: ListenerFailure): void {
    if (this.#onListenerError === undefined) {
      return;
    }
    try {
      this.#onListenerError(failure);
    } catch {
      // The hook is the last place a failure can go, so its own exception is dropped.
    }
  }

  #remove(type: BusEventType, listener: AnyListener, handler: AnyHandler): void {
    const byListener = this.#handlers.get(type);
    const registrations = byListener?.get(listener);
    const index = registrations?.indexOf(handler) ?? -1;
    if (byListener === undefined || registrations === undefined || index === -1) {
      return;
    }

    registrations.splice(index, 1);
    if (registrations.length === 0) {
      byListener.delete(listener);
    }
    this.#emitter.off(type, handler);
  }
}
