import type { EntryLocation } from './finding.js';
import type { VerifierOptions } from './options.js';
import type { VerifyReport } from './report.js';
import { Verifier } from './verifier.js';

export interface VerifyEntriesOptions extends VerifierOptions {
  /** Source positions: `locations[i]` belongs to `values[i]` and defaults to `{ index: i }`. */
  readonly locations?: readonly EntryLocation[];
}

/**
 * Verifies a whole log held in memory, such as a parsed JSON array export. The order of
 * `values` carries no meaning: each trail's entries are checked in sequence order.
 *
 * @example
 * const report = verifyEntries(parseLosslessJson(text) as JsonValue[]);
 * if (!report.valid) for (const finding of report.findings) console.error(finding.message);
 *
 * @throws {ValidationError} when an option is invalid, or `locations` is not as long as `values`.
 */
export function verifyEntries(values: readonly unknown[], options: VerifyEntriesOptions = {}): VerifyReport {
  const verifier = new Verifier(options);
  verifier.addAll(values, options.locations);
  return verifier.finish();
}
