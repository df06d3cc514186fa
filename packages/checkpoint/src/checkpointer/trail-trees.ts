import type { Store } from '@auditgate/core';
import { CompactMerkleTree } from '@auditgate/merkle';

import type { Checkpoint } from '../checkpoint.js';
import { restoreFrontier } from '../check-checkpoint.js';
import { CheckpointStateError } from '../errors.js';
import type { Keyring } from '../keys/keyring.js';
import type { CheckpointSink } from '../sinks/sink.js';
import { readResumePoints, type ResumePoint } from './resume-points.js';
import { checkStoreHolds } from './store-check.js';
import { appendFromStore } from './store-leaves.js';

/** A checkpointer's compact tree of one trail, with the newest checkpoint it has signed or read. */
export interface TrailState {
  readonly tree: CompactMerkleTree;
  latest: Checkpoint | null;
  /** Signed roots above the size the tree resumed from, to compare with while catching up. */
  readonly expectedRoots: ReadonlyMap<number, string>;
  /** Set once the store diverged from a signed checkpoint; every later call rethrows it. */
  failure: CheckpointStateError | null;
  /** The leaf of the tree's last entry, once this process appended one. */
  lastLeaf: Uint8Array | null;
}

/**
 * The compact trees of a checkpointer's trails, built from the store. A trail's tree starts
 * from the sink's newest trusted frontier, read once for all trails, or from sequence 0.
 */
export class TrailTrees {
  readonly #states = new Map<string, TrailState>();
  #resumePoints: Promise<Map<string, ResumePoint>> | null = null;

  constructor(
    private readonly store: Store,
    private readonly sink: CheckpointSink,
    private readonly keyring: Keyring,
    private readonly pageSize: number,
  ) {}

  /** Trails that have a state in this process. */
  trails(): IterableIterator<string> {
    return this.#states.keys();
  }

  peek(trail: string): TrailState | undefined {
    return this.#states.get(trail);
  }

  /** Returns the trail's state, resuming it from the sink on first use. */
  async stateOf(trail: string): Promise<TrailState> {
    const known = this.#states.get(trail);
    if (known !== undefined) {
      return known;
    }

    this.#resumePoints ??= readResumePoints(this.sink, this.keyring);
    const point = (await this.#resumePoints).get(trail);
    const state: TrailState = {
      tree: restore(point) ?? new CompactMerkleTree(),
      latest: point?.latest ?? null,
      expectedRoots: point?.roots ?? new Map(),
      failure: null,
      lastLeaf: null,
    };
    this.#states.set(trail, state);
    return state;
  }

  /**
   * Checks that the store still contains what the trail's tree and its signed checkpoints cover,
   * as {@link checkStoreHolds} describes. Call it before each catch-up.
   *
   * @throws {CheckpointStateError} `CHECKPOINT_STORE_DIVERGED`, which also marks the state failed for good.
   */
  async checkStore(trail: string, state: TrailState): Promise<void> {
    if (state.failure !== null) {
      throw state.failure;
    }

    try {
      const covered = { tree: state.tree, signedSize: state.latest?.tree_size ?? 0, lastLeaf: state.lastLeaf };
      state.lastLeaf = await checkStoreHolds(this.store, trail, covered, this.pageSize);
    } catch (error) {
      if (error instanceof CheckpointStateError && error.code === 'CHECKPOINT_STORE_DIVERGED') {
        state.failure = error;
      }
      throw error;
    }
  }

  /**
   * Appends the trail's stored entries to its tree, up to `until` or to the end.
   *
   * @throws {CheckpointStateError} from `appendFromStore`; `CHECKPOINT_STORE_DIVERGED` also
   *   marks the state failed for good.
   */
  async catchUp(trail: string, state: TrailState, until?: number): Promise<void> {
    await this.#append(trail, state, state.tree, state.expectedRoots, until);
  }

  /**
   * Returns a tree of exactly `treeSize` leaves. That is the trail's own tree when it is not past
   * that size yet. Otherwise it is a separate tree built from the sink's newest trusted frontier
   * at or below `treeSize`, because a compact tree cannot go back to an earlier size.
   *
   * @throws {CheckpointStateError} as {@link catchUp} does.
   */
  async treeAt(trail: string, state: TrailState, treeSize: number): Promise<CompactMerkleTree> {
    if (state.tree.size <= treeSize) {
      await this.catchUp(trail, state, treeSize);
      return state.tree;
    }

    const points = await readResumePoints(this.sink, this.keyring, (checkpoint) => checkpoint.trail === trail && checkpoint.tree_size <= treeSize);
    const point = points.get(trail);
    const tree = restore(point) ?? new CompactMerkleTree();
    await this.#append(trail, state, tree, point?.roots ?? new Map(), treeSize);
    return tree;
  }

  /** Marks the state failed for good and returns the error to throw. */
  fail(state: TrailState, trail: string, message: string): CheckpointStateError {
    state.failure = new CheckpointStateError('CHECKPOINT_STORE_DIVERGED', trail, message);
    return state.failure;
  }

  async #append(trail: string, state: TrailState, tree: CompactMerkleTree, expectedRoots: ReadonlyMap<number, string>, until?: number): Promise<void> {
    if (state.failure !== null) {
      throw state.failure;
    }

    try {
      const lastLeaf = await appendFromStore(this.store, trail, tree, { until, pageSize: this.pageSize, expectedRoots });
      if (tree === state.tree && lastLeaf !== null) {
        state.lastLeaf = lastLeaf;
      }
    } catch (error) {
      if (error instanceof CheckpointStateError && error.code === 'CHECKPOINT_STORE_DIVERGED') {
        state.failure = error;
      }
      throw error;
    }
  }
}

function restore(point: ResumePoint | undefined): CompactMerkleTree | undefined {
  return point?.frontier === null || point === undefined ? undefined : restoreFrontier(point.frontier);
}
