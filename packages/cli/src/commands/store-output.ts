import type { CliIo } from '../io.js';
import type { EntryFormat } from '../output/entry-output.js';
import { countOf } from '../output/plural.js';

/** The contents of an `--out` file that a command wrote. */
export interface WrittenSummary {
  readonly out: string;
  readonly format: EntryFormat;
  readonly entries: number;
  readonly trails: number;
}

/**
 * Reports an `--out` file once it is complete: a JSON object on stdout with `--json`, otherwise
 * one line on stderr, so that stdout stays free for data.
 */
export function reportWritten(io: CliIo, json: boolean, summary: WrittenSummary): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const format = summary.format === 'json' ? 'a JSON array' : 'JSON Lines';
  io.stderr.write(`wrote ${countOf(summary.entries, 'entry', 'entries')} of ${countOf(summary.trails, 'trail', 'trails')} to ${summary.out} as ${format}\n`);
}

/** Lists the store URL schemes this build of the command can open, for help text. */
export function storeSchemesHelp(io: CliIo): string {
  const schemes = io.stores.schemes();
  const lines = schemes.map(({ scheme, description }) => `  ${`${scheme}:`.padEnd(12)} ${description}`);
  return `\nStore URL schemes:\n${lines.length === 0 ? '  (none registered)' : lines.join('\n')}\n`;
}
