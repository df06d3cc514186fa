import { compareCodePoints, type Store } from '@auditgate/core';
import { parseCommandArgs } from '../args.js';
import { ExitCode, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { EntryOutput, entryFormat } from '../output/entry-output.js';
import { countOf } from '../output/plural.js';
import { Progress } from '../output/progress.js';
import type { Command } from './command.js';
import { reportWritten, storeSchemesHelp } from './store-output.js';

/** Entries fetched per query, so that exporting a large store keeps memory bounded. */
const PAGE_SIZE = 1000;

const HELP = `Usage: auditgate export --store URL [--out FILE] [--json]

Writes every entry of a store, trail by trail (trails in code-point order of their names, each
in sequence order), in the serialized form that \`auditgate verify\` and the Python verifier
read. Entries are fetched 1000 at a time, so memory stays bounded. For each trail that
retention pruned, a note on stderr gives the --anchor flag that verify needs for it.

Flags:
  --store URL    the store to read (required)
  --out FILE     write to FILE instead of stdout: a JSON array when FILE ends in .json,
                 JSON Lines otherwise
  --json         on stdout, print one JSON array instead of JSON Lines; with --out, print a
                 JSON summary of what was written, with the anchors of pruned trails
  -h, --help     print this help

Example:
  auditgate export --store file:audit-logs --out audit-export.json
  auditgate verify audit-export.json
`;

const OPTIONS = { store: { type: 'string' }, out: { type: 'string' } } as const;

export const exportCommand: Command = {
  name: 'export',
  summary: 'write every entry of a store to a file or stdout',
  help: (io) => `${HELP}${storeSchemesHelp(io)}`,

  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, 'export');
    if (values.help === true) {
      io.stdout.write(this.help(io));
      return ExitCode.OK;
    }
    if (positionals.length > 0) {
      throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}; name the output file with --out`, 'export');
    }
    if (values.store === undefined) throw new UsageError('missing --store URL', 'export');

    const json = values.json === true;
    const store = await io.stores.open(values.store, io);
    try {
      const output = await EntryOutput.open(values.out, entryFormat(values.out, json), io);
      const { trails, anchors } = await exportTrails(store, output, new Progress(io.stderr));
      await output.close();

      const summary = { out: values.out ?? '-', format: output.format, entries: output.count, trails };
      if (values.out !== undefined && json) io.stdout.write(`${JSON.stringify({ ...summary, anchors })}\n`);
      else reportAnchors(io, anchors);
      if (values.out !== undefined && !json) reportWritten(io, false, summary);
    } finally {
      await store.close();
    }
    return ExitCode.OK;
  },
};

/** The last pruned entry of a trail, which `verify --anchor` needs to check the trail's start. */
export interface ExportedAnchor {
  readonly trail: string;
  readonly sequence: number;
  readonly entry_hash: string | null;
}

// Paging by offset assumes the store is not pruned while the export runs; a prune in between
// would shift the offsets and skip entries.
async function exportTrails(store: Store, output: EntryOutput, progress: Progress): Promise<{ trails: number; anchors: ExportedAnchor[] }> {
  const trails = (await store.trails()).sort(compareCodePoints);
  const anchors: ExportedAnchor[] = [];
  try {
    for (const [index, trail] of trails.entries()) {
      const anchor = await store.anchor(trail);
      if (anchor !== null) anchors.push({ trail, sequence: anchor.sequence, entry_hash: anchor.entryHash });

      for (let offset = 0; ; offset += PAGE_SIZE) {
        const page = await store.query({ trail, offset, limit: PAGE_SIZE });
        for (const entry of page) await output.add(entry);
        progress.update(() => `exporting trail ${index + 1} of ${trails.length}: ${countOf(output.count, 'entry', 'entries')} written`);
        if (page.length < PAGE_SIZE) break;
      }
    }
  } finally {
    progress.clear();
  }
  return { trails: trails.length, anchors };
}

/** Returns the `--anchor` argument that lets `verify` check a pruned trail's first entry. */
export function anchorArgument(anchor: ExportedAnchor): string {
  const value = `${anchor.trail}=${anchor.sequence}${anchor.entry_hash === null ? '' : `:${anchor.entry_hash}`}`;
  return `--anchor '${value.replace(/'/g, `'\\''`)}'`;
}

function reportAnchors(io: CliIo, anchors: readonly ExportedAnchor[]): void {
  for (const anchor of anchors) {
    io.stderr.write(`note: retention pruned ${anchor.trail} up to sequence ${anchor.sequence}; verify the export with ${anchorArgument(anchor)}\n`);
  }
}
