import type { AuditEntry } from './entry.js';
import { assertEnum, Severity, severityRank, Verdict } from './enums.js';
import { ValidationError } from './errors.js';
import { Trail } from './trail.js';
import type { QueryFilter } from './store.js';

/** A filter whose fields were checked, with `verdict` as a list. */
export type CheckedFilter = Omit<QueryFilter, 'verdict'> & { readonly verdict?: readonly Verdict[] | undefined };

/**
 * Checks a filter's fields and returns a copy with `verdict` as a list, ready for
 * {@link matchesFilter}. Stores call this first, so every store rejects the same bad filters.
 *
 * @throws {ValidationError} naming the bad field.
 */
export function checkFilter(filter: QueryFilter = {}): CheckedFilter {
  if (typeof filter !== 'object' || filter === null) {
    throw new ValidationError('filter', 'expected an object');
  }
  for (const key of Object.keys(filter)) {
    // A misspelled key would otherwise widen the query to every entry.
    if (!FILTER_KEYS.has(key)) {
      throw new ValidationError(`filter.${key}`, `unknown filter; expected one of ${[...FILTER_KEYS].join(', ')}`);
    }
  }
  const verdicts = filter.verdict === undefined ? undefined : [filter.verdict].flat();
  verdicts?.forEach((verdict, i) => assertEnum(Verdict, verdict, `filter.verdict[${i}]`));
  if (filter.minSeverity !== undefined) assertEnum(Severity, filter.minSeverity, 'filter.minSeverity');
  if (filter.trail !== undefined) {
    if (typeof filter.trail !== 'string') {
      throw new ValidationError('filter.trail', `expected a trail string, got ${typeof filter.trail}`);
    }
    checkTrailText(filter.trail);
  }
  if (filter.gateType !== undefined && typeof filter.gateType !== 'string') {
    throw new ValidationError('filter.gateType', `expected a string, got ${typeof filter.gateType}`);
  }
  checkTime(filter.after, 'filter.after');
  checkTime(filter.before, 'filter.before');
  checkCount(filter.fromSequence, 'filter.fromSequence');
  checkCount(filter.offset, 'filter.offset');
  checkCount(filter.limit, 'filter.limit');
  return { ...filter, verdict: verdicts };
}

/** Tests one entry against a filter's conditions; offset and limit are the caller's job. */
export function matchesFilter(entry: AuditEntry, filter: CheckedFilter): boolean {
  if (filter.trail !== undefined && entry.trail !== filter.trail) return false;
  if (filter.verdict !== undefined && !filter.verdict.includes(entry.verdict)) return false;
  if (filter.minSeverity !== undefined && severityRank(entry.severity) < severityRank(filter.minSeverity)) return false;
  if (filter.after !== undefined && entry.ts < filter.after) return false;
  if (filter.before !== undefined && entry.ts >= filter.before) return false;
  if (filter.gateType !== undefined && entry.gateType !== filter.gateType) return false;
  if (filter.fromSequence !== undefined && entry.sequence < filter.fromSequence) return false;
  return true;
}

/** Orders entries across trails: by ts, then trail, then sequence. */
export function compareEntries(a: AuditEntry, b: AuditEntry): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  if (a.trail !== b.trail) return a.trail < b.trail ? -1 : 1;
  return a.sequence - b.sequence;
}

const FILTER_KEYS: ReadonlySet<string> = new Set([
  'trail',
  'verdict',
  'minSeverity',
  'after',
  'before',
  'gateType',
  'fromSequence',
  'offset',
  'limit',
]);

function checkTrailText(text: string): void {
  try {
    Trail.parse(text);
  } catch (error) {
    throw new ValidationError('filter.trail', (error as ValidationError).message.replace(/^trail: /, ''));
  }
}

function checkTime(value: unknown, field: string): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value))) {
    throw new ValidationError(field, `expected seconds since the epoch as a finite number, got ${String(value)}`);
  }
}

function checkCount(value: unknown, field: string): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)) {
    throw new ValidationError(field, `expected a whole number >= 0, got ${String(value)}`);
  }
}
