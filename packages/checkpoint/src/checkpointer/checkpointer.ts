import { systemClock, Trail, type Clock, type Decision, type Engine } from '@auditgate/core';
import type { CompactMerkleTree } from '@auditgate/merkle';

import { signCheckpoint, type Checkpoint } from '../checkpoint.js';
import { CheckpointError, CheckpointStateError } from '../errors.js';
import { pruneWithCheckpoint } from '../prune.js';
import { Keyring } from '../keys/keyring.js';
import type { CheckpointSigner } from '../keys/signer.js';
import type { CheckpointSink } from '../sinks/sink.js';
import { BackgroundErrors } from './background-errors.js';
import { KeyedQueue } from './keyed-queue.js';
import { validateOptions, type CheckpointerOptions } from './options.js';
import { TrailTrees } from './trail-trees.js';

/**
 * Signs checkpoints of an engine's trails: every `every` entries, every `intervalSeconds`, on
 * demand, and a final one for each trail with new entries when the engine closes.
 *
 * At each checkpoint it reads the trail's entries that follow its last covered size from the
 * store, so entries that other processes wrote are covered too. For a trail it has not seen in
 * this process, it first resumes from the sink's newest trusted checkpoint that has a frontier,
 * or rebuilds the tree from sequence 0.
 *
 * @example
 * const signer = await loadPrivateKey('/etc/auditgate/checkpoint.key');
 * const sink = new MultiSink([new FileCheckpointSink('data/checkpoints.jsonl'), witness]);
 * new Checkpointer(engine, { signer, sink, every: 1000, intervalSeconds: 60 });
 */
export class Checkpointer {
  readonly #engine: Engine;
  readonly #signer: CheckpointSigner;
  readonly #sink: CheckpointSink;
  readonly #clock: Clock;
  readonly #every: number | undefined;
  readonly #closeSink: boolean;
  readonly #errors: BackgroundErrors;
  readonly #queue = new KeyedQueue();
  readonly #trees: TrailTrees;
  readonly #recordedSince = new Map<string, number>();
  readonly #unsubscribe: () => void;
  readonly #timer: NodeJS.Timeout | undefined;
  #closing: Promise<void> | null = null;
  #closed = false;

  /** @throws {ValidationError} on an invalid option. */
  constructor(engine: Engine, options: CheckpointerOptions) {
    const checked = validateOptions(engine, options);
    this.#engine = engine;
    this.#signer = checked.signer;
    this.#sink = checked.sink;
    this.#clock = checked.clock ?? systemClock;
    this.#every = checked.every;
    const keyring = checked.keyring ?? new Keyring([checked.signer.publicKey]);
    this.#trees = new TrailTrees(engine.store, checked.sink, keyring, checked.pageSize ?? 1000);
    this.#closeSink = checked.closeSink ?? true;
    this.#errors = new BackgroundErrors(checked.onError);

    this.#unsubscribe = engine.onDecision((decision) => this.#countRecorded(decision));
    if (checked.intervalSeconds !== undefined) {
      this.#timer = setInterval(() => this.#checkpointAllInBackground(), checked.intervalSeconds * 1000);
      // A pending checkpoint timer must not keep a finished process alive.
      this.#timer.unref();
    }
    engine.onClose(() => this.#closeFromEngine());
    // Retention must leave a signed checkpoint at each prune point, or verifiers would report
    // the pruned head as missing.
    engine.setPruner(async (trail, before) => (await pruneWithCheckpoint(this, trail, before, { flush: false })).pruned);
  }

  get engine(): Engine {
    return this.#engine;
  }

  /** How many background checkpoints (by count, by interval, or at engine close) failed. */
  get errors(): number {
    return this.#errors.count;
  }

  /** Returns the newest checkpoint this checkpointer signed or resumed from for a trail. */
  latest(trail: Trail | string): Checkpoint | undefined {
    return this.#trees.peek(Trail.from(trail).toString())?.latest ?? undefined;
  }

  /** Resolves once every checkpoint started so far, in the background or on demand, has finished. */
  settled(): Promise<void> {
    return this.#queue.idle();
  }

  /**
   * Signs a checkpoint over all of a trail's stored entries and writes it to the sink. Returns
   * null when the trail has no entries beyond the newest checkpoint.
   *
   * @throws {CheckpointStateError} when the tree cannot be built from the store (see its codes).
   * @throws {SinkError} (or the sink's own error) when the sink fails.
   * @throws {CheckpointError} with code `CHECKPOINTER_CLOSED` after {@link close}.
   */
  checkpoint(trail: Trail | string): Promise<Checkpoint | null> {
    const key = Trail.from(trail).toString();
    return this.#queue.run(key, async () => {
      this.#assertOpen();
      const state = await this.#trees.stateOf(key);
      await this.#trees.checkStore(key, state);
      await this.#trees.catchUp(key, state);

      const latestSize = state.latest?.tree_size ?? 0;
      if (state.tree.size < latestSize) {
        throw this.#trees.fail(state, key, `the store contains ${state.tree.size} entries of trail ${key}, but a checkpoint of tree size ${latestSize} was signed: entries were removed after they were checkpointed`);
      }
      if (state.tree.size === latestSize) {
        return null;
      }

      const checkpoint = await this.#signAndWrite(key, state.tree, false);
      state.latest = checkpoint;
      this.#recordedSince.set(key, 0);
      return checkpoint;
    });
  }

  /**
   * Checkpoints every trail of the store (and every trail this checkpointer has seen) that has
   * new entries, one trail after another. Returns the checkpoints written.
   *
   * @throws {CheckpointError} with code `CHECKPOINT_FAILED` after trying every trail, when any
   *   failed. Its message names each failed trail, and `cause` is the first failure.
   */
  async checkpointAll(): Promise<Checkpoint[]> {
    this.#assertOpen();
    const trails = new Set([...(await this.#engine.store.trails()), ...this.#trees.trails()]);

    const written: Checkpoint[] = [];
    const failures: Array<{ trail: string; error: unknown }> = [];
    for (const trail of trails) {
      try {
        const checkpoint = await this.checkpoint(trail);
        if (checkpoint !== null) {
          written.push(checkpoint);
        }
      } catch (error) {
        failures.push({ trail, error });
      }
    }

    if (failures.length > 0) {
      const described = failures.map(({ trail, error }) => `${trail}: ${(error as Error)?.message ?? String(error)}`);
      throw new CheckpointError('CHECKPOINT_FAILED', `checkpoints failed for ${failures.length} of ${trails.size} trails (${described.join('; ')})`, {
        cause: failures[0]?.error,
      });
    }
    return written;
  }

  /**
   * Signs a checkpoint at exactly `treeSize` entries of a trail, which may be below the trail's
   * current size. With `prune: true` it is a prune checkpoint, which allows the entries below
   * `treeSize` to be removed. The tree is rebuilt from the sink's newest trusted frontier at or
   * below `treeSize` when this checkpointer is already past it.
   *
   * @throws {CheckpointStateError} `CHECKPOINT_SIZE_INVALID` when `treeSize` is below 1 or beyond
   *   the trail, and the other codes when the tree cannot be built.
   * @throws {SinkError} (or the sink's own error) when the sink fails.
   */
  checkpointAt(trail: Trail | string, treeSize: number, options: { prune?: boolean } = {}): Promise<Checkpoint> {
    const key = Trail.from(trail).toString();
    return this.#queue.run(key, async () => {
      this.#assertOpen();
      if (!Number.isSafeInteger(treeSize) || treeSize < 1) {
        throw new CheckpointStateError('CHECKPOINT_SIZE_INVALID', key, `treeSize must be a whole number >= 1, got ${String(treeSize)}`);
      }

      const state = await this.#trees.stateOf(key);
      await this.#trees.checkStore(key, state);
      const tree = await this.#trees.treeAt(key, state, treeSize);

      const checkpoint = await this.#signAndWrite(key, tree, options.prune === true);
      if (tree === state.tree && checkpoint.tree_size >= (state.latest?.tree_size ?? 0)) {
        state.latest = checkpoint;
      }
      return checkpoint;
    });
  }

  /**
   * Stops counting and the timer, waits for running checkpoints, writes a final checkpoint for
   * every trail with new entries, then closes the sink (unless `closeSink` is false). The
   * engine calls it when it closes; calling it earlier lets the caller see a failure.
   *
   * @throws {CheckpointError} with code `CHECKPOINT_FAILED` when a final checkpoint failed.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#unsubscribe();
    clearInterval(this.#timer);
    await this.#queue.idle();

    try {
      await this.checkpointAll();
    } finally {
      this.#closed = true;
      if (this.#closeSink) {
        await this.#sink.close?.();
      }
    }
  }

  // The engine stops at a throwing close hook without closing its store, so failures are
  // reported to onError here instead.
  async #closeFromEngine(): Promise<void> {
    try {
      await this.close();
    } catch (error) {
      this.#errors.report(error, null);
    }
  }

  async #signAndWrite(trail: string, tree: CompactMerkleTree, prune: boolean): Promise<Checkpoint> {
    const frontier = tree.frontier();
    const checkpoint = signCheckpoint(
      { trail, treeSize: frontier.size, root: tree.root(), ts: this.#clock(), prune, frontier: frontier.hashes },
      this.#signer,
    );
    await this.#sink.write(checkpoint);
    return checkpoint;
  }

  #countRecorded(decision: Decision): void {
    if (this.#every === undefined || decision.status !== 'RECORDED' || decision.entry === null) {
      return;
    }

    const trail = decision.entry.trail;
    const count = (this.#recordedSince.get(trail) ?? 0) + 1;
    this.#recordedSince.set(trail, count);
    if (count >= this.#every) {
      this.#recordedSince.set(trail, 0);
      this.checkpoint(trail).catch((error: unknown) => this.#errors.report(error, trail));
    }
  }

  #checkpointAllInBackground(): void {
    if (this.#closing !== null) {
      return;
    }
    this.checkpointAll().catch((error: unknown) => this.#errors.report(error, null));
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new CheckpointError('CHECKPOINTER_CLOSED', 'the checkpointer is closed; create a new Checkpointer to sign more checkpoints');
    }
  }
}
