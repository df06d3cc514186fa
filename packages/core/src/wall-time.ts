let cachedMillis = Number.NaN;
let cachedText = '';

/**
 * Formats epoch seconds as ISO 8601 in UTC with millisecond precision. Entries recorded within
 * the same millisecond share one string, which saves a Date per entry on busy trails.
 */
export function formatWallTs(ts: number): string {
  const millis = Math.floor(ts * 1000);
  if (millis !== cachedMillis) {
    // Format first: toISOString throws outside its range, and the cache must not move then.
    const text = new Date(millis).toISOString();
    cachedMillis = millis;
    cachedText = text;
  }
  return cachedText;
}
