import { Verifier } from '@auditgate/core';
import { parseCommandArgs } from '../args.js';
import { CheckpointLayer } from '../checkpoints/checkpoint-layer.js';
import { ExitCode, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { countOf } from '../output/plural.js';
import { escapeControls, printableJson } from '../output/printable.js';
import { Progress } from '../output/progress.js';
import { styleFor } from '../output/style.js';
import { openInput, type Input } from '../read/open-input.js';
import { readEntries } from '../read/read-entries.js';
import type { Command } from './command.js';
import { LineFindings } from './line-findings.js';
import { verifierSink } from './verifier-sink.js';
import { parseAnchors, parseIntegrity, parseMaxFindings } from './verify-args.js';
import { mergeReports } from './verify-merge.js';
import { formatVerifyReport, type SourceSummary } from './verify-report.js';

const HELP = `Usage: auditgate verify [flags] FILE...

Checks every entry's hash, the prev_hash chain, sequence numbers and ts order of each trail,
and the type of every field. Each FILE is a JSON array of entries (the Python export form),
one entry object, or JSON Lines (one entry per line), told apart by content; - reads stdin.
JSON Lines is streamed, so a file of any size verifies in bounded memory, but entries of one
trail must then appear in increasing sequence. The first non-blank line decides the format, so
it must parse; a later line of JSON Lines that is not JSON is a 'malformed' finding, and the
lines after it are still verified. The FILEs are read in order as one log, so pass the parts
of one log, and run the command once per log to verify unrelated exports. The trail files of
a file store directory (@auditgate/store-file) are JSON Lines: verify them with DIR/*.jsonl.

With --checkpoints and --public-key, every entry is also checked against the signed Merkle
roots in the checkpoints files. That catches what a chain alone cannot show: edits of any
field (wall_ts and recorded_by included), a rehashed chain, deleted heads, middles, tails and
whole trails, stripped hashes, and entries moved, reordered or duplicated. An entry that no
valid checkpoint covers, such as one forged after the last checkpoint, is an 'unanchored'
finding, so the log is then invalid.

Flags:
  --anchor TRAIL=SEQUENCE:HASH  the last entry retention pruned from TRAIL: the trail must
                                continue at SEQUENCE+1 and link to HASH; write TRAIL=SEQUENCE
                                when that entry had no hash. Repeat for several trails.
  --require-integrity LEVEL     HASH or CHAIN: report each trail whose entries carry less, which
                                catches a trail whose hashes were all stripped
  --checkpoints FILE            a checkpoints file (JSON Lines, as the Checkpointer writes it);
                                repeat for several files, such as a witness copy. Needs
                                --public-key.
  --public-key FILE             a public key (PEM, the .pub file of auditgate keygen) that may
                                sign checkpoints; repeat to keep retired keys after a rotation
  --seen FILE                   checkpoints kept from earlier runs (a missing FILE is empty).
                                They count like current ones, and a current list that ends
                                below them is a checkpoint_regression. After the run, the newest
                                valid checkpoint of each trail is appended to FILE, so the next
                                run detects a rollback or a fork. Keep FILE where the log's
                                writer cannot change it. FILE must not be a --checkpoints file,
                                also not through a link.
  --max-findings N              list at most N findings (default 1000); all are counted
  --json                        print one JSON report on stdout instead of text
  -h, --help                    print this help

Exit status: 0 the log is valid, 1 it is not, 2 bad usage or unreadable input (including a
missing checkpoints or key file: without its checkpoints every entry would be unanchored, so
give an empty checkpoints file to see those findings).

Example:
  auditgate verify audit-export.json
  auditgate verify --require-integrity CHAIN --json logs/2024-05-01.jsonl logs/2024-05-02.jsonl
  auditgate verify audit-store/*.jsonl
  auditgate verify --checkpoints checkpoints.jsonl --public-key checkpoint.key.pub \\
    --seen ~/.auditgate/seen.jsonl audit.jsonl
`;

const OPTIONS = {
  anchor: { type: 'string', multiple: true },
  'max-findings': { type: 'string' },
  'require-integrity': { type: 'string' },
  checkpoints: { type: 'string', multiple: true },
  'public-key': { type: 'string', multiple: true },
  seen: { type: 'string' },
} as const;

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check hashes, chains and sequences of exported logs, and signed checkpoints',
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

    const maxFindings = parseMaxFindings(values['max-findings']);
    const checkpoints = await CheckpointLayer.open(
      { checkpoints: values.checkpoints ?? [], publicKeys: values['public-key'] ?? [], seen: values.seen },
      maxFindings,
      io,
    );
    // Core's verifier hands each well-formed entry to the checkpoint layer in the order it takes
    // them: file order for JSON Lines, and sequence order within a JSON array.
    const verifier = new Verifier({
      anchors: parseAnchors(values.anchor ?? []),
      maxFindings,
      requiredIntegrity: parseIntegrity(values['require-integrity']),
      onEntry: checkpoints === null ? undefined : (verified) => checkpoints.add(verified),
    });
    const lineFindings = new LineFindings(maxFindings);
    const sources = await readSources(positionals, verifier, lineFindings, io);
    const chainReport = lineFindings.mergeInto(verifier.finish());
    const checkpointResult = checkpoints === null ? null : await checkpoints.finish(io);
    const report = mergeReports(chainReport, checkpointResult, maxFindings);

    if (values.json === true) {
      io.stdout.write(`${printableJson({ ...report, sources }, 2)}\n`);
    } else {
      io.stdout.write(formatVerifyReport(report, sources, styleFor(io.stdout, io)));
    }
    return report.valid ? ExitCode.OK : ExitCode.INVALID;
  },
};

async function readSources(paths: readonly string[], verifier: Verifier, lineFindings: LineFindings, io: CliIo): Promise<SourceSummary[]> {
  const progress = new Progress(io.stderr);
  const sources: SourceSummary[] = [];
  try {
    for (const path of paths) {
      const input = await openInput(path, io);
      const sink = verifierSink(verifier, lineFindings, input.name);
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
  return `verifying ${escapeControls(input.name)}: ${countOf(entries, 'entry', 'entries')}${share}`;
}
