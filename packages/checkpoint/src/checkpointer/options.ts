import { ValidationError, type Clock, type Engine } from '@auditgate/core';

import type { Keyring } from '../keys/keyring.js';
import type { CheckpointSigner } from '../keys/signer.js';
import type { CheckpointSink } from '../sinks/sink.js';

/** Settings of a `Checkpointer`. Without `every` and `intervalSeconds` it signs only on demand and at close. */
export interface CheckpointerOptions {
  readonly signer: CheckpointSigner;
  readonly sink: CheckpointSink;
  /** Sign a trail's checkpoint after this many entries recorded by this process. */
  readonly every?: number;
  /** Checkpoint every trail with new entries at this period, in seconds. */
  readonly intervalSeconds?: number;
  /**
   * Keys whose checkpoints in the sink may be resumed from. Default: the signer's public key
   * only. After a key rotation, add the retired key so that the new one continues its trees.
   */
  readonly keyring?: Keyring;
  /** Seconds since the epoch for each checkpoint's `ts`. Default: the system clock. */
  readonly clock?: Clock;
  /** Entries per store query while catching up. Default 1000. */
  readonly pageSize?: number;
  /** Close the sink when the checkpointer closes. Default true. */
  readonly closeSink?: boolean;
  /**
   * Called with each failure of a checkpoint that runs in the background (after `every`
   * entries, on the interval, or at engine close) and with the trail, or null for several.
   * Default: a process warning for the 1st, 10th, 100th, ... failure.
   */
  readonly onError?: (error: unknown, trail: string | null) => void;
}

/**
 * Checks a checkpointer's options.
 *
 * @throws {ValidationError} naming the invalid option.
 */
export function validateOptions(engine: Engine, options: CheckpointerOptions): CheckpointerOptions {
  if (engine === undefined || engine === null || typeof engine.onDecision !== 'function') {
    throw new ValidationError('engine', 'a Checkpointer needs the Engine whose trails it signs');
  }
  if (options?.signer === undefined || typeof options.signer.sign !== 'function') {
    throw new ValidationError('signer', 'expected a CheckpointSigner, such as the result of loadPrivateKey(path)');
  }
  if (options.sink === undefined || typeof options.sink.write !== 'function') {
    throw new ValidationError('sink', 'expected a CheckpointSink, such as new FileCheckpointSink(path)');
  }

  checkPositive(options.every, 'every', true);
  checkPositive(options.intervalSeconds, 'intervalSeconds', false);
  checkPositive(options.pageSize, 'pageSize', true);
  return options;
}

function checkPositive(value: unknown, field: string, whole: boolean): void {
  if (value === undefined) {
    return;
  }

  const valid = typeof value === 'number' && (whole ? Number.isSafeInteger(value) : Number.isFinite(value)) && value > 0;
  if (!valid) {
    throw new ValidationError(field, `expected ${whole ? 'a whole number' : 'a finite number'} > 0, got ${String(value)}`);
  }
}
