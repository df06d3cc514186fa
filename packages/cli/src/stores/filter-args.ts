import { checkFilter, ValidationError, type QueryFilter, type Severity, type Verdict } from '@auditgate/core';
import { UsageError } from '../errors.js';

/** The filter flags as parseArgs returns them. */
export interface FilterFlags {
  readonly trail?: string | undefined;
  readonly verdict?: string[] | undefined;
  readonly 'min-severity'?: string | undefined;
  readonly after?: string | undefined;
  readonly before?: string | undefined;
  readonly 'gate-type'?: string | undefined;
  readonly 'from-sequence'?: string | undefined;
  readonly offset?: string | undefined;
  readonly limit?: string | undefined;
}

/** parseArgs option definitions of the filter flags, shared by commands that query. */
export const FILTER_OPTIONS = {
  trail: { type: 'string' },
  verdict: { type: 'string', multiple: true },
  'min-severity': { type: 'string' },
  after: { type: 'string' },
  before: { type: 'string' },
  'gate-type': { type: 'string' },
  'from-sequence': { type: 'string' },
  offset: { type: 'string' },
  limit: { type: 'string' },
} as const;

/** Help lines of the filter flags. */
export const FILTER_HELP = `  --trail TRAIL          only this trail (namespace:source@principal)
  --verdict VERDICT      only this verdict: ALLOW, BLOCK, ERROR or OVERRIDE; repeat for any of several
  --min-severity LEVEL   only this severity or above: DEBUG, INFO, WARN, ERROR or CRITICAL
  --after TIME           only entries with ts >= TIME (seconds since the epoch, or an ISO 8601 date)
  --before TIME          only entries with ts < TIME (seconds since the epoch, or an ISO 8601 date)
  --gate-type TYPE       only entries from this kind of gate, such as actiongate
  --from-sequence N      only entries with sequence >= N; every trail numbers its own
                         entries from 0, so this is most useful with --trail
  --offset N             skip the first N matching entries
  --limit N              return at most N entries`;

/**
 * Builds a core QueryFilter from the filter flags and checks it as stores do.
 *
 * @throws {UsageError} naming the flag and the bad value.
 */
export function filterFromFlags(flags: FilterFlags, command: string): QueryFilter {
  const filter: { -readonly [K in keyof QueryFilter]: QueryFilter[K] } = {};
  if (flags.trail !== undefined) filter.trail = flags.trail;
  if (flags.verdict !== undefined) filter.verdict = flags.verdict.map((verdict) => verdict.toUpperCase() as Verdict);
  if (flags['min-severity'] !== undefined) filter.minSeverity = flags['min-severity'].toUpperCase() as Severity;
  if (flags.after !== undefined) filter.after = parseTime(flags.after, '--after', command);
  if (flags.before !== undefined) filter.before = parseTime(flags.before, '--before', command);
  if (flags['gate-type'] !== undefined) filter.gateType = flags['gate-type'];
  if (flags['from-sequence'] !== undefined) filter.fromSequence = parseCount(flags['from-sequence'], '--from-sequence', command);
  if (flags.offset !== undefined) filter.offset = parseCount(flags.offset, '--offset', command);
  if (flags.limit !== undefined) filter.limit = parseCount(flags.limit, '--limit', command);

  try {
    checkFilter(filter);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new UsageError(`${flagOf(error.field)}: ${error.message.slice(error.field.length + 2)}`, command);
  }
  return filter;
}

// Accepts seconds since the epoch, as stored in ts, or a date that Date.parse reads.
function parseTime(text: string, flag: string, command: string): number {
  const seconds = Number(text);
  if (text.trim() !== '' && Number.isFinite(seconds)) return seconds;
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) {
    throw new UsageError(`${flag} ${JSON.stringify(text)} is neither seconds since the epoch nor an ISO 8601 date such as 2024-05-01T12:00:00Z`, command);
  }
  return millis / 1000;
}

function parseCount(text: string, flag: string, command: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(count)) {
    throw new UsageError(`${flag} ${JSON.stringify(text)} is not a whole number >= 0`, command);
  }
  return count;
}

function flagOf(field: string): string {
  const name = field.replace(/^filter\./, '').replace(/\[\d+\]$/, '');
  return `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}
