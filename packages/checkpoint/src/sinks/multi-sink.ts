import type { Checkpoint } from '../checkpoint.js';
import { SinkError } from '../errors.js';
import type { CheckpointSink } from './sink.js';

/**
 * Writes every checkpoint to several sinks, typically the primary one beside the trails and a
 * witness the writer cannot rewrite. A write resolves once every sink has stored the checkpoint.
 * `read` uses the first sink that can read.
 */
export class MultiSink implements CheckpointSink {
  readonly name: string;
  readonly #sinks: readonly CheckpointSink[];

  /** @throws {SinkError} when `sinks` is empty. */
  constructor(sinks: readonly CheckpointSink[]) {
    if (sinks.length === 0) {
      throw new SinkError('a MultiSink needs at least one sink, such as [primary, witness]');
    }
    this.#sinks = [...sinks];
    this.name = `multi [${sinks.map((sink) => sink.name).join(', ')}]`;
  }

  /**
   * Writes to all sinks at once.
   *
   * @throws {SinkError} naming every sink that failed, after all of them have finished. The
   *   sinks that succeeded keep the checkpoint.
   */
  async write(checkpoint: Checkpoint): Promise<void> {
    const results = await Promise.allSettled(this.#sinks.map((sink) => sink.write(checkpoint)));

    const failures = results.flatMap((result, index) =>
      result.status === 'rejected' ? [{ sink: this.#sinks[index] as CheckpointSink, error: result.reason as unknown }] : [],
    );
    if (failures.length > 0) {
      const described = failures.map(({ sink, error }) => `${sink.name}: ${(error as Error)?.message ?? String(error)}`);
      throw new SinkError(
        `checkpoint of ${checkpoint.trail} at tree size ${checkpoint.tree_size} was not stored by ${failures.length} ` +
          `of ${this.#sinks.length} sinks (${described.join('; ')})`,
        { cause: failures[0]?.error },
      );
    }
  }

  read(): AsyncIterable<Checkpoint> {
    const readable = this.#sinks.find((sink) => sink.read !== undefined);
    if (readable?.read === undefined) {
      return emptyIterable();
    }
    return readable.read();
  }

  /** Closes every sink, and rethrows the first failure after trying them all. */
  async close(): Promise<void> {
    const results = await Promise.allSettled(this.#sinks.map((sink) => sink.close?.()));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure !== undefined) {
      throw (failure as PromiseRejectedResult).reason;
    }
  }
}

async function* emptyIterable(): AsyncGenerator<Checkpoint> {
  // A MultiSink of write-only sinks has nothing to resume from.
}
