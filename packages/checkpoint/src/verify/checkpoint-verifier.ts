import { ValidationError, compareCodePoints, type EntryLocation } from '@auditgate/core';

import type { CheckpointInput } from '../checkpoint-file.js';
import type { Keyring } from '../keys/keyring.js';
import { wireLeafHash } from '../leaf.js';
import { loadCheckpoints, type TrailCheckpoints } from './checkpoint-set.js';
import type { CheckpointFinding } from './finding.js';
import { TrailCheck, type CheckpointTrailReport } from './trail-check.js';

const DEFAULT_MAX_FINDINGS = 1000;

/** Settings of a {@link CheckpointVerifier}. */
export interface CheckpointVerifierOptions {
  /** The current checkpoints, such as the lines of a checkpoints file. */
  readonly checkpoints: readonly CheckpointInput[];
  /** Public keys that may sign checkpoints. */
  readonly keyring: Keyring;
  /**
   * Checkpoints seen on an earlier run or held by a witness. They count like current ones, and
   * current checkpoints that end below them are a `checkpoint_regression`.
   */
  readonly seen?: readonly CheckpointInput[];
  /** How many findings the report keeps; the rest are only counted. Default 1000. */
  readonly maxFindings?: number;
  /** Called with every finding, including the ones past `maxFindings`. */
  readonly onFinding?: (finding: CheckpointFinding) => void;
}

/** Outcome of checkpoint-aware verification. */
export interface CheckpointReport {
  /** True when there are no findings at all. */
  readonly valid: boolean;
  readonly entryCount: number;
  /** Checkpoints read, current and seen, valid or not. */
  readonly checkpointCount: number;
  readonly findingCount: number;
  /** Findings counted but not kept, because `maxFindings` was reached. */
  readonly omittedFindings: number;
  /** Every trail with entries or valid checkpoints, in code-point order of their names. */
  readonly trails: readonly CheckpointTrailReport[];
  readonly findings: readonly CheckpointFinding[];
}

/**
 * Verifies entries against signed checkpoints, one entry at a time. Checkpoints are loaded up
 * front; entries of one trail must arrive in the order they were written, and trails may
 * interleave. Memory is O(log n) per trail for the entries, plus the checkpoints themselves.
 * It checks nothing of the hash chain: run the chain verifier of `@auditgate/core` as well,
 * for instance by calling {@link add} from its `onEntry` hook.
 *
 * @example
 * const verifier = new CheckpointVerifier({ checkpoints, keyring });
 * for (const [i, line] of lines.entries()) verifier.add(parseLosslessJson(line), { file, line: i + 1 });
 * const report = verifier.finish();
 */
export class CheckpointVerifier {
  readonly #checkpointSets: Map<string, TrailCheckpoints>;
  readonly #checkpointCount: number;
  readonly #maxFindings: number;
  readonly #onFinding: ((finding: CheckpointFinding) => void) | undefined;
  readonly #trails = new Map<string, TrailCheck>();
  readonly #findings: CheckpointFinding[] = [];
  #findingCount = 0;
  #entryCount = 0;
  #finished = false;

  /** @throws {ValidationError} when `maxFindings` is not a whole number >= 0 or `keyring` is missing. */
  constructor(options: CheckpointVerifierOptions) {
    const maxFindings = options.maxFindings ?? DEFAULT_MAX_FINDINGS;
    if (!Number.isSafeInteger(maxFindings) || maxFindings < 0) {
      throw new ValidationError('maxFindings', `expected a whole number >= 0, got ${String(maxFindings)}`);
    }
    if (options.keyring === undefined) {
      throw new ValidationError('keyring', 'checkpoint verification needs a Keyring of the public keys that sign checkpoints');
    }

    this.#maxFindings = maxFindings;
    this.#onFinding = options.onFinding;
    const seen = options.seen ?? [];
    this.#checkpointCount = options.checkpoints.length + seen.length;
    this.#checkpointSets = loadCheckpoints(options.checkpoints, seen, options.keyring, (finding) => this.#record(finding));
  }

  /**
   * Adds the next entry: a wire object read with `parseLosslessJson` (or `entryToWire` of an
   * `AuditEntry`).
   *
   * @throws {ValidationError} after {@link finish}.
   */
  add(wire: unknown, location: EntryLocation = { index: this.#entryCount }): void {
    if (this.#finished) {
      throw new ValidationError('verifier', 'finish() was called already; create a new CheckpointVerifier', 'VERIFIER_FINISHED');
    }
    this.#entryCount++;

    const record = typeof wire === 'object' && wire !== null && !Array.isArray(wire) ? (wire as Record<string, unknown>) : null;
    if (typeof record?.trail !== 'string') {
      this.#record({ kind: 'unanchored', trail: null, sequence: null, location, message: 'entry has no trail string, so no checkpoint can cover it' });
      return;
    }
    const trail = record.trail;

    let leaf: Uint8Array;
    try {
      leaf = wireLeafHash(wire);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      this.#record({ kind: 'unanchored', trail, sequence: null, location, message: `entry of trail ${trail} is not plain JSON, so no checkpoint can cover it: ${error.message}` });
      return;
    }

    let check = this.#trails.get(trail);
    if (check === undefined) {
      check = new TrailCheck(trail, this.#checkpointSets.get(trail));
      this.#trails.set(trail, check);
    }
    const sequence = Number.isSafeInteger(record.sequence) && (record.sequence as number) >= 0 ? (record.sequence as number) : null;
    check.add(sequence, leaf, location);
  }

  /** Finishes every trail and returns the report. Call once, after the last entry. */
  finish(): CheckpointReport {
    this.#finished = true;
    const names = new Set([...this.#trails.keys(), ...this.#checkpointSets.keys()]);
    const trails: CheckpointTrailReport[] = [];

    for (const trail of [...names].sort(compareCodePoints)) {
      const check = this.#trails.get(trail);
      if (check === undefined) {
        trails.push(this.#missingTrail(trail, this.#checkpointSets.get(trail) as TrailCheckpoints));
        continue;
      }

      const { findings, report } = check.finish();
      findings.forEach((finding) => this.#record(finding));
      trails.push(report);
    }

    return {
      valid: this.#findingCount === 0,
      entryCount: this.#entryCount,
      checkpointCount: this.#checkpointCount,
      findingCount: this.#findingCount,
      omittedFindings: this.#findingCount - this.#findings.length,
      trails,
      findings: this.#findings,
    };
  }

  #missingTrail(trail: string, set: TrailCheckpoints): CheckpointTrailReport {
    this.#record({
      kind: 'missing_trail',
      trail,
      sequence: null,
      location: null,
      treeSize: set.maxSize,
      message: `trail ${trail} has ${set.count} valid checkpoint${set.count === 1 ? '' : 's'} up to tree size ${set.maxSize}, but none of its entries is present: the trail was deleted`,
    });
    return {
      trail,
      entries: 0,
      firstSequence: null,
      lastSequence: null,
      checkpoints: set.count,
      latestTreeSize: set.maxSize,
      verifiedTreeSize: null,
      prunedBefore: null,
      findingCount: 1,
    };
  }

  #record(finding: CheckpointFinding): void {
    this.#findingCount++;
    if (this.#findings.length < this.#maxFindings) {
      this.#findings.push(finding);
    }
    this.#onFinding?.(finding);
  }
}
