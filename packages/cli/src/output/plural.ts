/**
 * Formats a count with its noun, such as `1 entry` or `1,024 entries`, with digits grouped the
 * same way on every system.
 */
export function countOf(count: number, singular: string, plural: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}
