import type { EntryLocation } from '@auditgate/core';

import type { CheckpointInput } from '../checkpoint-file.js';
import type { Keyring } from '../keys/keyring.js';
import { CheckpointVerifier, type CheckpointReport } from './checkpoint-verifier.js';
import type { CheckpointFinding } from './finding.js';

/** One entry to verify: its wire form, read with `parseLosslessJson`, and where it was read. */
export interface EntryInput {
  readonly wire: unknown;
  readonly location?: EntryLocation;
}

/** Inputs of {@link verifyWithCheckpoints}. */
export interface VerifyWithCheckpointsOptions {
  /** Entries of any trails, each trail's in the order they were written. */
  readonly entries: Iterable<EntryInput> | AsyncIterable<EntryInput>;
  readonly checkpoints: Iterable<CheckpointInput> | AsyncIterable<CheckpointInput>;
  readonly keyring: Keyring;
  /** Checkpoints seen before, from an earlier run or a witness. */
  readonly seen?: Iterable<CheckpointInput> | AsyncIterable<CheckpointInput>;
  readonly maxFindings?: number;
  readonly onFinding?: (finding: CheckpointFinding) => void;
}

/**
 * Verifies a log of entries against signed checkpoints: reads all checkpoints, then streams the
 * entries through a {@link CheckpointVerifier}. See `CheckpointFindingKind` for what it reports.
 *
 * @example
 * const report = await verifyWithCheckpoints({
 *   entries: readEntries('audit.jsonl'),
 *   checkpoints: readCheckpointFile('checkpoints.jsonl'),
 *   keyring: await loadPublicKeys(['checkpoint.key.pub']),
 * });
 *
 * @throws {ValidationError} on invalid options; whatever the iterables throw.
 */
export async function verifyWithCheckpoints(options: VerifyWithCheckpointsOptions): Promise<CheckpointReport> {
  const verifier = new CheckpointVerifier({
    checkpoints: await collect(options.checkpoints),
    seen: options.seen === undefined ? [] : await collect(options.seen),
    keyring: options.keyring,
    maxFindings: options.maxFindings,
    onFinding: options.onFinding,
  });

  for await (const entry of options.entries) {
    verifier.add(entry.wire, entry.location);
  }
  return verifier.finish();
}

async function collect<T>(items: Iterable<T> | AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) {
    collected.push(item);
  }
  return collected;
}
