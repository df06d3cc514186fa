import type { VetoError } from './veto-error.js';

/**
 * Outcome of one `decision` event once every listener has settled.
 *
 * A veto is a listener's deliberate decision, not a fault: it appears only in `vetoes`, it
 * does not raise {@link GateBus.listenerErrors}, and it fires neither the `listenerError`
 * event nor the `onListenerError` hook. Every other throw or rejection appears in `errors`.
 */
export interface DeliveryReport {
  /** Errors thrown or rejected by listeners, VetoErrors excluded, in the order they were caught. */
  readonly errors: unknown[];
  /** VetoErrors thrown or rejected by listeners, in the order they were caught. */
  readonly vetoes: VetoError[];
}

/** One listener failure, as passed to the `onListenerError` hook. */
export interface ListenerFailure {
  /** The event whose listener failed. */
  readonly eventType: 'decision' | 'listenerError';
  /** The thrown value or rejection reason. */
  readonly error: unknown;
  /** The payload the failing listener received. */
  readonly payload: unknown;
}

/** Collects the outcome of one emit while its listeners run. */
export class Delivery {
  readonly errors: unknown[] = [];

  readonly vetoes: VetoError[] = [];

  readonly pending: Promise<void>[] = [];

  /** Resolves once every async listener of this emit has settled. */
  report(): Promise<DeliveryReport> {
    const report: DeliveryReport = { errors: this.errors, vetoes: this.vetoes };
    if (this.pending.length === 0) {
      return Promise.resolve(report);
    }
    return Promise.all(this.pending).then(() => report);
  }
}
