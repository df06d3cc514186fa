import type { VetoError } from '@auditgate/bus';

import type { DecimalInput } from './decimal.js';
import type { Decision } from './decision.js';
import { type Blocked, ReservationStoreError } from './errors.js';
import type { Reservation } from './reservation.js';

/** Options of a guard with a fixed cost, which commits the whole estimate after `fn` succeeds. */
export interface GuardOptions {
  /** Aborting it releases the reservation and rejects the call with the signal's reason. */
  signal?: AbortSignal;
  /** Seconds to hold the estimate. Default: the gate's `reservationTtl`. */
  ttl?: number;
}

/** Options of a guard whose actual cost is known only from `fn`'s result. */
export interface MeteredGuardOptions<R> extends GuardOptions {
  /** Returns the actual cost of one call from its result, at most the estimate. */
  actual: (result: R) => DecimalInput;
}

/** The reservation of one guarded call and, when the call must not run, why. */
export interface Admission {
  readonly reservation: Reservation;
  readonly stop: Blocked | VetoError | null;
}

/** Outcome of one guarded call that did not reject. */
export type GuardedOutcome<R> =
  | { readonly decision: Decision; readonly stop: Blocked | VetoError; readonly value?: undefined }
  | { readonly decision: Decision; readonly stop: null; readonly value: R };

async function releaseQuietly(reservation: Reservation): Promise<void> {
  try {
    await reservation.release();
  } catch {
    // The caller gets the error that ended the call. If the store failed to release, the
    // reservation still expires when its TTL passes.
  }
}

function raceAbort<R>(run: () => R | PromiseLike<R>, signal: AbortSignal | undefined): Promise<R> {
  let running: Promise<R>;
  try {
    running = Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error);
  }
  if (signal === undefined) {
    return running;
  }

  return new Promise<R>((resolve, reject) => {
    const onAbort = () => {
      // The function cannot be stopped, so its late result or error is dropped.
      running.catch(() => undefined);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    running.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

async function commitCost<R>(reservation: Reservation, actual: ((result: R) => DecimalInput) | undefined, value: R): Promise<void> {
  try {
    await reservation.commit(actual === undefined ? reservation.estimate : actual(value));
  } catch (error) {
    // An unusable actual cost leaves the reservation held. The estimate bounds what the call
    // may have spent, so the estimate is committed before the error is reported.
    if (reservation.held && !(error instanceof ReservationStoreError)) {
      await reservation.commit(reservation.estimate);
    }
    throw error;
  }
}

/**
 * Runs one guarded call: reserve, run `call` unless stopped, then commit or release.
 *
 * @throws whatever `call` throws, the signal's reason on abort, or the error of `actual`.
 */
export async function runGuarded<R>(
  admit: () => Promise<Admission>,
  options: GuardOptions & { actual?: (result: R) => DecimalInput },
  call: () => R | PromiseLike<R>,
): Promise<GuardedOutcome<R>> {
  const { signal } = options;
  signal?.throwIfAborted();

  const { reservation, stop } = await admit();
  if (stop !== null) {
    if (reservation.held) {
      await releaseQuietly(reservation);
    }
    return { decision: reservation.decision, stop };
  }
  if (signal?.aborted) {
    await releaseQuietly(reservation);
    throw signal.reason;
  }

  let value: R;
  try {
    value = await raceAbort(call, signal);
  } catch (error) {
    if (reservation.held) {
      await releaseQuietly(reservation);
    }
    throw error;
  }

  if (reservation.held) {
    await commitCost(reservation, options.actual, value);
  }
  return { decision: reservation.decision, stop: null, value };
}
