import type { AuditEntry } from '../entry.js';
import type { Integrity } from '../enums.js';
import type { JsonObject } from '../json/json-value.js';
import type { EntryLocation, Finding } from './finding.js';

/**
 * The last entry before a trail's first verified one, when retention pruning removed the
 * earlier entries. The first entry must then have sequence `sequence + 1` and, when it is
 * chained, prev_hash `entryHash`. With `ts`, the first entry's ts must not be lower.
 */
export interface VerifyAnchor {
  readonly sequence: number;
  readonly entryHash: string | null;
  readonly ts?: number;
}

/**
 * One well-formed entry after its checks, in the order entries reach the verifier (so in
 * sequence order within its trail when the input was in order). A checkpoint layer can build
 * its Merkle leaves from `computedHash` or `canonical`.
 */
export interface VerifiedEntry {
  readonly trail: string;
  readonly sequence: number;
  /** The entry as read, with Python number spellings kept as `LosslessNumber`s. */
  readonly wire: Readonly<JsonObject>;
  readonly entry: AuditEntry;
  /** The exact string that the entry hash covers. */
  readonly canonical: string;
  /** The SHA-256 of `canonical`, whether or not the entry carries an entry_hash. */
  readonly computedHash: string;
  readonly location: EntryLocation;
  /** This entry's findings; empty when it passed every check. */
  readonly findings: readonly Finding[];
  /** False for an entry at or below a sequence already seen, which the trail state ignores. */
  readonly inOrder: boolean;
}

export interface VerifierOptions {
  /** Known anchors of pruned trails, by trail string. */
  readonly anchors?: ReadonlyMap<string, VerifyAnchor>;
  /**
   * The integrity that every trail's policy requires. Without it, a trail whose hashes were all
   * stripped reads as a valid NONE trail. With it, the first entry below this level in each trail
   * is an `integrity_downgrade` finding. A chain's first entry, which has nothing to link to,
   * counts as CHAIN.
   */
  readonly requiredIntegrity?: Integrity;
  /** Called after each well-formed entry is checked; an error it throws propagates to the caller of `add`. */
  readonly onEntry?: (verified: VerifiedEntry) => void;
  /** Called with every finding as it is found, including the ones past `maxFindings`. */
  readonly onFinding?: (finding: Finding) => void;
  /** How many findings the report keeps; the rest are only counted, so memory stays bounded. Default 1000. */
  readonly maxFindings?: number;
}
