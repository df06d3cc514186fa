import { Integrity, Verifier, type VerifyAnchor } from '@auditgate/core';
import { parseCommandArgs } from '../args.js';
import { ExitCode, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { Progress } from '../output/progress.js';
import { styleFor } from '../output/style.js';
import { openInput, type Input } from '../read/open-input.js';
import { readEntries } from '../read/read-entries.js';
import type { Command } from './command.js';
import { formatVerifyReport, type SourceSummary } from './verify-report.js';

const HELP = `Usage: auditgate verify [flags] FILE...

Checks every entry's hash, the prev_hash chain, sequence numbers and ts order of each trail,
and the type of every field. Each FILE is a JSON array of entries (the Python export form),
one entry object, or JSON Lines (one entry per line), told apart by content; - reads stdin.
JSON Lines is streamed, so a file of any size verifies in bounded memory, but entries of one
trail must then appear in increasing sequence. The FILEs are read in order as one log, so pass
the parts of one log, and run the command once per log to verify unrelated exports.

Flags:
  --anchor TRAIL=SEQUENCE:HASH  the last entry retention pruned from TRAIL: the trail must
                                continue at SEQUENCE+1 and link to HASH; write TRAIL=SEQUENCE
                                when that entry had no hash. Repeat for several trails.
  --require-integrity LEVEL     HASH or CHAIN: report each trail whose entries carry less, which
                                catches a trail whose hashes were all stripped
  --max-findings N              list at most N findings (default 1000); all are counted
  --json                        print one JSON report on stdout instead of text
  -h, --help                    print this help

Exit status: 0 the log is valid, 1 it is not, 2 bad usage or unreadable input.

Example:
  auditgate verify audit-export.json
  auditgate verify --require-integrity CHAIN --json logs/2024-05-01.jsonl logs/2024-05-02.jsonl
`;

const OPTIONS = {
  anchor: { type: 'string', multiple: true },
  'max-findings': { type: 'string' },
  'require-integrity': { type: 'string' },
} as const;

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check hashes, chains and sequence numbers of exported logs',
  help: () => HELP,

  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, 'verify');
    if (values.help === true) {
      io.stdout.write(HELP);
      return ExitCode.OK;
    }
    if (positionals.length === 0) {
      throw new UsageError('missing FILE: name at least one log file (a JSON array, one entry object, or JSON Lines)', 'verify');
    }

    const verifier = new Verifier({
      anchors: parseAnchors(values.anchor ?? []),
      maxFindings: parseMaxFindings(values['max-findings']),
      requiredIntegrity: parseIntegrity(values['require-integrity']),
    });
    const sources = await readSources(positionals, verifier, io);
    const report = verifier.finish();

    if (values.json === true) {
      io.stdout.write(`${JSON.stringify({ ...report, sources }, null, 2)}\n`);
    } else {
      io.stdout.write(formatVerifyReport(report, sources, styleFor(io.stdout, io)));
    }
    return report.valid ? ExitCode.OK : ExitCode.INVALID;
  },
};

async function readSources(paths: readonly string[], verifier: Verifier, io: CliIo): Promise<SourceSummary[]> {
  const progress = new Progress(io.stderr);
  const sources: SourceSummary[] = [];
  try {
    for (const path of paths) {
      const input = await openInput(path, io);
      const sink = {
        entry: verifier.add.bind(verifier),
        document: verifier.addAll.bind(verifier),
      };
      const summary = await readEntries(input, sink, () => progress.update(() => progressText(input, verifier.entryCount)));
      if (summary.entries === 0) verifier.addEmptySource({ file: input.name });
      sources.push({ file: input.name, format: summary.format, entries: summary.entries });
    }
  } finally {
    progress.clear();
  }
  return sources;
}

function progressText(input: Input, entries: number): string {
  const share = input.size === null || input.size === 0 ? '' : `, ${Math.floor((100 * input.bytesRead()) / input.size)}% of the file`;
  return `verifying ${input.name}: ${entries.toLocaleString('en-US')} entries${share}`;
}

/**
 * Parses `--anchor TRAIL=SEQUENCE:HASH` values. The split is at the last `=`, because a trail's
 * principal may contain one, while a sequence and a hash never do.
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

function parseMaxFindings(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`--max-findings ${JSON.stringify(text)} is not a whole number >= 0`, 'verify');
  }
  return Number(text);
}

function parseIntegrity(text: string | undefined): Integrity | undefined {
  if (text === undefined) return undefined;
  const level = text.toUpperCase();
  if (level !== Integrity.NONE && level !== Integrity.HASH && level !== Integrity.CHAIN) {
    throw new UsageError(`--require-integrity ${JSON.stringify(text)} is not one of NONE, HASH, CHAIN`, 'verify');
  }
  return level;
}
