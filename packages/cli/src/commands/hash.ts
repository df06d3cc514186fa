import {
  canonicalWireEntry,
  formatLocation,
  LosslessNumber,
  sha256Hex,
  ValidationError,
  type EntryLocation,
  type JsonObject,
  type JsonValue,
} from '@auditgate/core';
import { parseCommandArgs } from '../args.js';
import { ExitCode, InputError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { escapeControls, quoted } from '../output/printable.js';
import { styleFor, type Style } from '../output/style.js';
import { openInput } from '../read/open-input.js';
import { readEntries } from '../read/read-entries.js';
import type { Command } from './command.js';

const HELP = `Usage: auditgate hash [flags] [FILE|-]

Prints, for each entry, the canonical string its hash covers and the entry_hash it should
carry: the SHA-256 of Python's json.dumps(sort_keys=True, separators=(",", ":")) over trail,
ts, verdict, severity, gate_type, gate_identity, reason, detail and sequence, plus prev_hash
when the entry has one. Missing fields take the Python reference's defaults. Reads a JSON
array of entries, one entry object, or JSON Lines; without FILE, or with -, reads stdin.

Flags:
  --json       print one JSON object per entry and line, with keys canonical and entry_hash
  -h, --help   print this help

Example:
  auditgate hash audit-export.json
  tail -n 1 audit.jsonl | auditgate hash --json
`;

export const hashCommand: Command = {
  name: 'hash',
  summary: 'print the canonical string and entry_hash of each entry',
  help: () => HELP,

  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs(args, {}, 'hash');
    if (values.help === true) {
      io.stdout.write(HELP);
      return ExitCode.OK;
    }
    if (positionals.length > 1) {
      throw new UsageError(`expected at most one FILE, got ${positionals.length}; run the command once per file`, 'hash');
    }
    const path = positionals[0] ?? '-';
    if (path === '-' && (io.stdin as { isTTY?: boolean }).isTTY === true) {
      throw new UsageError('no FILE given and stdin is a terminal; pass a FILE or pipe entries in', 'hash');
    }

    const json = values.json === true;
    const style = styleFor(io.stdout, io);
    const print = (value: JsonValue, location: EntryLocation): void => {
      io.stdout.write(json ? jsonLine(value, location) : textBlock(value, location, style));
    };
    const input = await openInput(path, io);
    await readEntries(input, {
      entry: print,
      document: (entries, locations) => entries.forEach((value, i) => print(value, locations[i]!)),
    });
    return ExitCode.OK;
  },
};

function jsonLine(value: JsonValue, location: EntryLocation): string {
  const { canonical, hash } = hashValue(value, location);
  return `${JSON.stringify({ canonical, entry_hash: hash })}\n`;
}

function textBlock(value: JsonValue, location: EntryLocation, style: Style): string {
  const { canonical, hash, entry } = hashValue(value, location);
  const carried = entry.entry_hash;
  let note: string;
  if (carried === hash) note = style.green('(the entry carries this hash)');
  else if (typeof carried === 'string') note = style.red(`(the entry carries ${carried}, which differs)`);
  else note = '(the entry carries no entry_hash)';

  const position = [`trail ${quoted(describe(entry.trail))}`, `sequence ${quoted(describe(entry.sequence))}`].join(', ');
  // The canonical string is ASCII with every control character escaped, as Python writes it.
  return `${escapeControls(formatLocation(location))}: ${position}\n  canonical:  ${canonical}\n  entry_hash: ${hash} ${note}\n`;
}

// Hashing follows the Python reference, which takes defaults for missing fields, so only a
// value that is not an object at all, or not plain JSON, stops the command.
function hashValue(value: JsonValue, location: EntryLocation): { canonical: string; hash: string; entry: JsonObject } {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof LosslessNumber) {
    throw new InputError(`${formatLocation(location)}: expected an entry object, got ${Array.isArray(value) ? 'an array' : describe(value)}`);
  }
  try {
    const canonical = canonicalWireEntry(value);
    return { canonical, hash: sha256Hex(canonical), entry: value };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new InputError(`${formatLocation(location)}: cannot hash the entry: ${error.message}`, { cause: error });
  }
}

function describe(value: JsonValue | undefined): string {
  if (value === undefined) return '(missing)';
  if (value instanceof LosslessNumber) return value.text;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
