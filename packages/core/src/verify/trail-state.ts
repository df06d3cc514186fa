import type { AuditEntry } from '../entry.js';
import type { Integrity } from '../enums.js';
import type { EntryLocation, Finding, FindingKind } from './finding.js';
import type { VerifyAnchor } from './options.js';
import type { TrailReport } from './report.js';

// Integrity as a rank, so that a drop between two entries is a comparison.
const NONE = 0;
const HASH = 1;
const CHAIN = 2;
const INTEGRITY_NAMES: readonly Integrity[] = ['NONE', 'HASH', 'CHAIN'];

/**
 * A verifier's memory of one trail: the position, hash and ts of the last entry that arrived in
 * order, never the entries themselves. Each check returns the findings it made.
 */
export class TrailState {
  entries = 0;
  readonly findings: Finding[] = [];
  #started = false;
  #firstSequence: number | null = null;
  #lastSequence: number | null = null;
  #expected: number;
  // undefined when the previous entry was malformed, so its hash cannot be trusted to link to.
  #previousHash: string | null | undefined;
  #previousTs: number | null;
  #level: number;
  #strongest: number;
  #belowRequiredReported = false;

  constructor(
    readonly trail: string,
    private readonly anchor: VerifyAnchor | undefined,
    private readonly required: Integrity | undefined,
  ) {
    this.#expected = anchor === undefined ? 0 : anchor.sequence + 1;
    this.#previousHash = anchor?.entryHash ?? null;
    this.#previousTs = anchor?.ts ?? null;
    this.#level = anchor?.entryHash != null ? HASH : NONE;
    this.#strongest = this.#level;
  }

  /**
   * Checks a well-formed entry against the trail so far. `inOrder` is false for an entry at or
   * below a sequence already seen, which leaves the trail's state unchanged.
   */
  check(entry: AuditEntry, location: EntryLocation): { findings: Finding[]; inOrder: boolean } {
    const findings: Finding[] = [];
    const report = (kind: FindingKind, message: string, extra: Partial<Finding> = {}): void => {
      findings.push({ kind, trail: this.trail, sequence: entry.sequence, location, message, ...extra });
    };

    const first = !this.#started;
    const previousSequence = this.#lastSequence;
    if (!this.#advance(entry.sequence, report)) return { findings, inOrder: false };

    this.#checkLink(entry, first ? null : previousSequence, report);
    this.#checkIntegrity(entry, report);
    // A drop of integrity already reported on this entry also covers the required level.
    const downgraded = findings.some((finding) => finding.kind === 'integrity_downgrade');
    this.#checkRequiredIntegrity(entry, first, downgraded ? () => undefined : report);

    if (this.#previousTs !== null && entry.ts < this.#previousTs) {
      report('ts_regression', `ts ${entry.ts} is lower than ts ${this.#previousTs} of the entry before it`);
    }

    this.#previousHash = entry.entryHash;
    this.#previousTs = entry.ts;
    return { findings, inOrder: true };
  }

  /** Takes a malformed entry's place in the trail when its sequence could be read. */
  skip(sequence: number | null, location: EntryLocation): Finding[] {
    const findings: Finding[] = [];
    if (sequence === null) {
      this.entries++;
      return findings;
    }
    const report = (kind: FindingKind, message: string): void => {
      findings.push({ kind, trail: this.trail, sequence, location, message });
    };
    if (this.#advance(sequence, report)) this.#previousHash = undefined;
    return findings;
  }

  toReport(): TrailReport {
    return {
      trail: this.trail,
      entries: this.entries,
      firstSequence: this.#firstSequence,
      lastSequence: this.#lastSequence,
      lastHash: this.#previousHash ?? null,
      integrity: INTEGRITY_NAMES[this.#strongest]!,
      findings: this.findings,
    };
  }

  // Checks the sequence and moves the trail's position. An entry at or below a sequence already
  // seen leaves the position where it was, and the result is false.
  #advance(sequence: number, report: (kind: FindingKind, message: string) => void): boolean {
    this.entries++;
    const expected = this.#expected;

    if (!this.#started) {
      this.#started = true;
      this.#firstSequence = sequence;
      if (sequence !== expected) report('bad_start', this.#badStartMessage(sequence));
    } else if (sequence < expected) {
      report('duplicate_sequence', this.#duplicateMessage(sequence));
      return false;
    } else if (sequence > expected) {
      const missing = sequence - 1 === expected ? `sequence ${expected} is` : `sequences ${expected} to ${sequence - 1} are`;
      report('sequence_gap', `${missing} missing before sequence ${sequence}`);
    }

    this.#expected = sequence + 1;
    this.#lastSequence = sequence;
    return true;
  }

  #badStartMessage(sequence: number): string {
    if (this.anchor === undefined) {
      return `the trail starts at sequence ${sequence} instead of 0: earlier entries are missing (pass the trail's anchor if retention pruned them)`;
    }
    return `the trail starts at sequence ${sequence}, but its anchor is at sequence ${this.anchor.sequence}, so the first entry must be ${this.#expected}`;
  }

  #duplicateMessage(sequence: number): string {
    const last = this.#lastSequence;
    if (sequence !== last) {
      return `sequence ${sequence} arrives after sequence ${last}: a duplicate, or an entry out of order (entries of a trail must arrive in increasing sequence)`;
    }
    return `sequence ${sequence} appears twice`;
  }

  // previousSequence is null for the trail's first entry, which links to the anchor if any.
  #checkLink(
    entry: AuditEntry,
    previousSequence: number | null,
    report: (kind: FindingKind, message: string, extra?: Partial<Finding>) => void,
  ): void {
    if (entry.prevHash === null) return;

    // Without an anchor nothing comes before a trail's first entry, so it has nothing to link to.
    // A first entry above sequence 0 already has its bad_start finding.
    if (previousSequence === null && this.anchor === undefined) {
      if (entry.sequence === 0) {
        report('bad_start', `the trail's first entry carries prev_hash ${entry.prevHash}: the entry it links to is missing`);
      }
      return;
    }

    const expected = this.#previousHash;
    if (expected === undefined || entry.prevHash === expected) return;
    const before = previousSequence === null ? `the anchor at sequence ${this.anchor!.sequence}` : `sequence ${previousSequence}`;
    const message =
      expected === null
        ? `prev_hash is ${entry.prevHash}, but ${before} carries no entry_hash`
        : `prev_hash is ${entry.prevHash}, but ${before} has entry_hash ${expected}`;
    report('chain_break', message, { expected, actual: entry.prevHash });
  }

  // Reported once per trail, so a trail kept below the required level gives one finding, not one
  // per entry.
  #checkRequiredIntegrity(entry: AuditEntry, first: boolean, report: (kind: FindingKind, message: string) => void): void {
    if (this.required === undefined || this.#belowRequiredReported) return;
    let level = levelOf(entry);
    const nothingToLink = first && (this.anchor === undefined || this.anchor.entryHash === null);
    if (level === HASH && nothingToLink) level = CHAIN;

    const required = INTEGRITY_NAMES.indexOf(this.required);
    if (level < required) {
      this.#belowRequiredReported = true;
      report('integrity_downgrade', `the entry has integrity ${INTEGRITY_NAMES[level]}, below the required ${this.required}`);
    }
  }

  #checkIntegrity(entry: AuditEntry, report: (kind: FindingKind, message: string) => void): void {
    if (entry.entryHash === null && entry.prevHash !== null) {
      report('integrity_downgrade', 'the entry carries a prev_hash but no entry_hash, so its entry_hash was removed');
      this.#level = NONE;
      return;
    }

    const level = levelOf(entry);
    if (level < this.#level) {
      const message =
        level === NONE
          ? 'the entry carries no entry_hash, but the trail carried hashes before it'
          : 'the entry carries no prev_hash, but the trail was chained before it';
      report('integrity_downgrade', message);
    }
    this.#level = level;
    if (level > this.#strongest) this.#strongest = level;
  }
}

function levelOf(entry: AuditEntry): number {
  if (entry.entryHash === null) return NONE;
  return entry.prevHash === null ? HASH : CHAIN;
}
