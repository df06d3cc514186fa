import { parseCommandArgs } from '../args.js';
import { ExitCode, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { EntryOutput, entryFormat } from '../output/entry-output.js';
import { FILTER_HELP, FILTER_OPTIONS, filterFromFlags } from '../stores/filter-args.js';
import type { Command } from './command.js';
import { reportWritten, storeSchemesHelp } from './store-output.js';

const HELP = `Usage: auditgate query --store URL [filters] [--out FILE] [--json]

Prints the entries of a store that match every filter given. Within one trail, entries come in
sequence order; across trails, by ts, then trail, then sequence.

Flags:
  --store URL            the store to read (required)
${FILTER_HELP}
  --out FILE             write to FILE instead of stdout: a JSON array when FILE ends in .json,
                         JSON Lines otherwise
  --json                 on stdout, print one JSON array instead of JSON Lines; with --out,
                         print a JSON summary of what was written
  -h, --help             print this help

Example:
  auditgate query --store file:audit-logs --trail billing:actiongate@user:42 --verdict BLOCK --limit 20
`;

const OPTIONS = { store: { type: 'string' }, out: { type: 'string' }, ...FILTER_OPTIONS } as const;

export const queryCommand: Command = {
  name: 'query',
  summary: 'print the entries of a store that match filters',
  help: (io) => `${HELP}${storeSchemesHelp(io)}`,

  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, 'query');
    if (values.help === true) {
      io.stdout.write(this.help(io));
      return ExitCode.OK;
    }
    if (positionals.length > 0) {
      throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}; filters are flags such as --trail`, 'query');
    }
    if (values.store === undefined) throw new UsageError('missing --store URL', 'query');
    const filter = filterFromFlags(values, 'query');

    const json = values.json === true;
    const store = await io.stores.open(values.store, io);
    try {
      const entries = await store.query(filter);
      const output = await EntryOutput.open(values.out, entryFormat(values.out, json), io);
      for (const entry of entries) await output.add(entry);
      await output.close();
      if (values.out !== undefined) reportWritten(io, json, { out: values.out, format: output.format, entries: output.count, trails: new Set(entries.map((entry) => entry.trail)).size });
    } finally {
      await store.close();
    }
    return ExitCode.OK;
  },
};
