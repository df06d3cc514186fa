import { assertEnum, Integrity } from '../enums.js';
import { ValidationError } from '../errors.js';
import { compareCodePoints } from '../json/escape.js';
import type { JsonObject } from '../json/json-value.js';
import type { EntryLocation, Finding } from './finding.js';
import type { VerifierOptions } from './options.js';
import { readEntry } from './read-entry.js';
import type { VerifyReport } from './report.js';
import { orderBySequence } from './sequence-order.js';
import { TrailState } from './trail-state.js';

const DEFAULT_MAX_FINDINGS = 1000;

/**
 * Verifies a log one entry at a time, keeping state per trail and never per entry, so a log of
 * any length verifies in bounded memory (kept findings are capped by `maxFindings`).
 *
 * Entries of one trail must arrive in increasing sequence; entries of different trails may
 * interleave. An entry at or below a sequence already seen is a `duplicate_sequence` finding.
 * Use {@link Verifier.addAll} for a document whose order carries no meaning, such as a JSON array
 * export.
 *
 * @example
 * const verifier = new Verifier();
 * for (const [i, line] of lines.entries()) verifier.add(parseLosslessJson(line), { file, line: i + 1 });
 * const report = verifier.finish();
 */
export class Verifier {
  readonly #options: VerifierOptions;
  readonly #maxFindings: number;
  readonly #trails = new Map<string, TrailState>();
  readonly #findings: Finding[] = [];
  #findingCount = 0;
  #entryCount = 0;
  #emptySources = 0;
  #finished = false;

  /** @throws {ValidationError} when `maxFindings` is not a whole number >= 0, or `requiredIntegrity` is not an Integrity. */
  constructor(options: VerifierOptions = {}) {
    if (options.requiredIntegrity !== undefined) assertEnum(Integrity, options.requiredIntegrity, 'requiredIntegrity');
    const maxFindings = options.maxFindings ?? DEFAULT_MAX_FINDINGS;
    if (!Number.isSafeInteger(maxFindings) || maxFindings < 0) {
      throw new ValidationError('maxFindings', `expected a whole number >= 0, got ${String(maxFindings)}`);
    }
    this.#options = options;
    this.#maxFindings = maxFindings;
  }

  /** Values added so far, well-formed or not. */
  get entryCount(): number {
    return this.#entryCount;
  }

  /** Findings so far, including the ones past `maxFindings`. */
  get findingCount(): number {
    return this.#findingCount;
  }

  /**
   * Checks one value, which should be a wire entry read with `parseLosslessJson`.
   *
   * @throws {ValidationError} after {@link finish}; whatever `onEntry` or `onFinding` throws.
   */
  add(value: unknown, location: EntryLocation = { index: this.#entryCount }): void {
    this.#checkOpen();
    this.#entryCount++;

    const read = readEntry(value);
    if (!read.ok) {
      const malformed: Finding = {
        kind: 'malformed',
        trail: read.trail,
        sequence: read.sequence,
        location,
        message: describeMalformed(value, read.message),
        field: read.field,
      };
      const state = read.trail === null ? undefined : this.#trail(read.trail);
      this.#record(state, [malformed, ...(state?.skip(read.sequence, location) ?? [])]);
      return;
    }

    const { entry, computedHash } = read;
    const state = this.#trail(entry.trail);
    const findings: Finding[] = [];
    if (entry.entryHash !== null && entry.entryHash !== computedHash) {
      findings.push({
        kind: 'hash_mismatch',
        trail: entry.trail,
        sequence: entry.sequence,
        location,
        message: `entry_hash is ${entry.entryHash}, but the hashed fields hash to ${computedHash}: a hashed field was changed`,
        expected: computedHash,
        actual: entry.entryHash,
      });
    }
    const checked = state.check(entry, location);
    findings.push(...checked.findings);
    this.#record(state, findings);

    this.#options.onEntry?.({
      trail: entry.trail,
      sequence: entry.sequence,
      wire: read.wire as Readonly<JsonObject>,
      entry,
      canonical: read.canonical,
      computedHash,
      location,
      findings,
      inOrder: checked.inOrder,
    });
  }

  /**
   * Checks the entries of one document whose order carries no meaning, such as a JSON array
   * export. They are taken in sequence order, and the sort is stable, so duplicates stay in
   * document order. `locations[i]` belongs to `values[i]` and defaults to `{ index: i }`.
   *
   * @throws {ValidationError} after {@link finish}, or when `locations` is not as long as `values`.
   */
  addAll(values: readonly unknown[], locations?: readonly EntryLocation[]): void {
    this.#checkOpen();
    if (locations !== undefined && locations.length !== values.length) {
      throw new ValidationError('locations', `expected ${values.length} locations, one per value, got ${locations.length}`);
    }
    for (const index of orderBySequence(values)) {
      this.add(values[index], locations?.[index] ?? { index });
    }
  }

  /**
   * Records an `empty` finding for one source of the log, such as one of several files, that
   * held no entries.
   *
   * @throws {ValidationError} after {@link finish}.
   */
  addEmptySource(location: EntryLocation): void {
    this.#checkOpen();
    this.#emptySources++;
    this.#record(undefined, [
      { kind: 'empty', trail: null, sequence: null, location, message: 'the source contains no entries' },
    ]);
  }

  /**
   * Ends the log and returns the report. A log with no entries at all gets an `empty` finding.
   *
   * @throws {ValidationError} when called twice.
   */
  finish(): VerifyReport {
    this.#checkOpen();
    if (this.#entryCount === 0 && this.#emptySources === 0) {
      this.#record(undefined, [
        { kind: 'empty', trail: null, sequence: null, location: null, message: 'the log contains no entries, so there is nothing to verify' },
      ]);
    }
    this.#finished = true;

    const trails = [...this.#trails.values()]
      .sort((a, b) => compareCodePoints(a.trail, b.trail))
      .map((state) => state.toReport());
    return {
      valid: this.#findingCount === 0,
      entryCount: this.#entryCount,
      trailCount: trails.length,
      findingCount: this.#findingCount,
      omittedFindings: this.#findingCount - this.#findings.length,
      trails,
      findings: this.#findings,
    };
  }

  #trail(trail: string): TrailState {
    let state = this.#trails.get(trail);
    if (state === undefined) {
      state = new TrailState(trail, this.#options.anchors?.get(trail), this.#options.requiredIntegrity);
      this.#trails.set(trail, state);
    }
    return state;
  }

  #record(state: TrailState | undefined, findings: readonly Finding[]): void {
    for (const finding of findings) {
      this.#findingCount++;
      if (this.#findings.length < this.#maxFindings) {
        this.#findings.push(finding);
        state?.findings.push(finding);
      }
      this.#options.onFinding?.(finding);
    }
  }

  #checkOpen(): void {
    if (this.#finished) {
      throw new ValidationError('verifier', 'finish() was already called; create a new Verifier to verify another log', 'VERIFIER_FINISHED');
    }
  }
}

function describeMalformed(value: unknown, reason: string): string {
  if (typeof value !== 'object' || value === null) return `expected an entry object, got ${value === null ? 'null' : typeof value}`;
  if (Array.isArray(value)) return 'expected an entry object, got an array';
  return `malformed entry: ${reason}`;
}
