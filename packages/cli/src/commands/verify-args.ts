import { Integrity, type VerifyAnchor } from '@auditgate/core';
import { UsageError } from '../errors.js';

/**
 * Parses `--anchor TRAIL=SEQUENCE:HASH` values. The split is at the last `=`, because a trail's
 * principal may contain one, while a sequence and a hash never do.
 *
 * @throws {UsageError} naming the value that does not have this form.
 */
export function parseAnchors(values: readonly string[]): Map<string, VerifyAnchor> {
  const anchors = new Map<string, VerifyAnchor>();
  for (const value of values) {
    const split = value.lastIndexOf('=');
    const match = /^(\d+)(?::([0-9a-f]{64}))?$/.exec(value.slice(split + 1));
    if (split <= 0 || match === null || !Number.isSafeInteger(Number(match[1]))) {
      throw new UsageError(
        `--anchor ${JSON.stringify(value)} is not TRAIL=SEQUENCE:HASH (HASH is 64 lowercase hex characters; omit :HASH when the pruned entry had none)`,
        'verify',
      );
    }
    anchors.set(value.slice(0, split), { sequence: Number(match[1]), entryHash: match[2] ?? null });
  }
  return anchors;
}

/** Findings that `verify` lists when `--max-findings` is not given; the same default as core's Verifier. */
export const DEFAULT_MAX_FINDINGS = 1000;

/**
 * Parses `--max-findings N`, or returns the default when the flag is absent.
 *
 * @throws {UsageError} when N is not a whole number >= 0.
 */
export function parseMaxFindings(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_FINDINGS;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`--max-findings ${JSON.stringify(text)} is not a whole number >= 0`, 'verify');
  }
  return Number(text);
}

/**
 * Parses `--require-integrity LEVEL`, in any letter case. NONE is rejected, because requiring no
 * integrity checks nothing: without the flag, a trail without hashes is already accepted.
 *
 * @throws {UsageError} when LEVEL is not HASH or CHAIN.
 */
export function parseIntegrity(text: string | undefined): Integrity | undefined {
  if (text === undefined) return undefined;
  const level = text.toUpperCase();
  if (level !== Integrity.HASH && level !== Integrity.CHAIN) {
    throw new UsageError(`--require-integrity ${JSON.stringify(text)} is not HASH or CHAIN; leave the flag out to accept trails without hashes`, 'verify');
  }
  return level;
}
