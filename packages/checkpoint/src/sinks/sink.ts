import type { Checkpoint } from '../checkpoint.js';

/**
 * Where a `Checkpointer` puts the checkpoints it signs. A sink that the writer of the trails
 * cannot rewrite is a witness: it keeps old checkpoints even after the trail's host is taken
 * over. Combine sinks with `MultiSink`.
 */
export interface CheckpointSink {
  /** Names the sink in error messages, such as `file /var/lib/audit/checkpoints.jsonl`. */
  readonly name: string;

  /** Stores a checkpoint durably before resolving. */
  write(checkpoint: Checkpoint): Promise<void>;

  /**
   * Returns the stored checkpoints of all trails in the order they were written, skipping any
   * that are malformed. Optional, because a witness may accept writes only. A `Checkpointer`
   * uses it to resume after a restart and to find the frontier a prune checkpoint builds on.
   */
  read?(): AsyncIterable<Checkpoint>;

  close?(): Promise<void>;
}
