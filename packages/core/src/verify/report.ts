import type { Integrity } from '../enums.js';
import type { Finding } from './finding.js';

/** A verifier's summary of one trail. */
export interface TrailReport {
  readonly trail: string;
  /** Entries attributed to the trail, including malformed ones whose trail could be read. */
  readonly entries: number;
  readonly firstSequence: number | null;
  /** The highest sequence that arrived in order. */
  readonly lastSequence: number | null;
  /** The entry_hash of the entry at `lastSequence`; null when it carries none. */
  readonly lastHash: string | null;
  /**
   * The strongest integrity any of the trail's entries showed. A chain's first entry alone looks
   * like HASH, because it has an entry_hash and no prev_hash.
   */
  readonly integrity: Integrity;
  readonly findings: readonly Finding[];
}

/** The outcome of verifying a log. */
export interface VerifyReport {
  /** True when there are no findings at all. */
  readonly valid: boolean;
  /** Values read, well-formed or not. */
  readonly entryCount: number;
  readonly trailCount: number;
  /** Every finding, including the ones omitted from the lists below. */
  readonly findingCount: number;
  /** How many findings were counted but not kept, because `maxFindings` was reached. */
  readonly omittedFindings: number;
  /** Trails in code-point order of their names. */
  readonly trails: readonly TrailReport[];
  /** The kept findings, in the order they were found. */
  readonly findings: readonly Finding[];
}
