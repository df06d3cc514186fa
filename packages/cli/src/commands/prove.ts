import { Trail, ValidationError } from '@auditgate/core';
import { parseCommandArgs, type ParsedArgs } from '../args.js';
import { loadKeyring, readCheckpointInputs } from '../checkpoints/checkpoint-inputs.js';
import { ExitCode, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { styleFor } from '../output/style.js';
import { serializeBundle } from '../proofs/proof-bundle.js';
import { formatConsistency, formatInclusion } from '../proofs/proof-text.js';
import { proveConsistency } from '../proofs/prove-consistency.js';
import { proveInclusion } from '../proofs/prove-inclusion.js';
import { trustedCheckpoints } from '../proofs/trusted-checkpoints.js';
import type { Command } from './command.js';

const HELP = `Usage: auditgate prove FILE... --checkpoints FILE --public-key FILE --trail TRAIL
                     (--sequence N | --consistency SIZE1:SIZE2) [--json]

Builds a Merkle proof from a log and its signed checkpoints, and checks it before printing it.

  --sequence N              proves that entry N of TRAIL is leaf N of the tree that the newest
                            valid checkpoint of TRAIL signed. An entry that no valid checkpoint
                            covers yet (N at or above its tree size) is an error with code
                            ENTRY_NOT_COVERED and exit status 1, never a proof.
  --consistency SIZE1:SIZE2 proves that TRAIL's checkpoint of tree size SIZE2 extends its
                            checkpoint of tree size SIZE1, so no entry below SIZE1 changed.

Each FILE is a log export, read as auditgate verify reads it; only TRAIL's entries are used,
and all of them are held in memory. Only checkpoints whose signatures verify under the
--public-key keys are used; run auditgate verify to see the others.

Flags:
  --checkpoints FILE         a checkpoints file; repeat for several (required)
  --public-key FILE          a public key (PEM) that may sign checkpoints; repeat for
                             retired keys (required)
  --trail TRAIL              the trail, as namespace:source@principal (required)
  --sequence N               the entry to prove, a whole number >= 0
  --consistency SIZE1:SIZE2  the two tree sizes, SIZE1 <= SIZE2
  --json                     print the proof as one line of JSON instead of text: type, proof,
                             and the checkpoint and entry (or the older and newer checkpoints).
                             auditgate check-proof reads it.
  -h, --help                 print this help

Exit status: 0 the proof was built and checks out, 1 no proof exists for what the log and
checkpoints hold (the entry is not covered, the trail has no valid checkpoint of that size,
the log differs from what was signed, or two checkpoints disagree), 2 bad usage or unreadable
input.

Example:
  auditgate prove audit.jsonl --checkpoints checkpoints.jsonl --public-key checkpoint.key.pub \\
    --trail billing:actiongate@user:42 --sequence 3 --json > proof.json
  auditgate prove audit.jsonl --checkpoints checkpoints.jsonl --public-key checkpoint.key.pub \\
    --trail billing:actiongate@user:42 --consistency 4:8
`;

const OPTIONS = {
  checkpoints: { type: 'string', multiple: true },
  'public-key': { type: 'string', multiple: true },
  trail: { type: 'string' },
  sequence: { type: 'string' },
  consistency: { type: 'string' },
} as const;

export const proveCommand: Command = {
  name: 'prove',
  summary: 'build an inclusion or consistency proof against signed checkpoints',
  help: () => HELP,

  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, 'prove');
    if (values.help === true) {
      io.stdout.write(HELP);
      return ExitCode.OK;
    }

    const request = checkRequest(positionals, values);
    const keyring = await loadKeyring(request.publicKeys, io);
    const checkpoints = await trustedCheckpoints(await readCheckpointInputs(request.checkpointFiles, '--checkpoints', io), keyring);
    const style = styleFor(io.stdout, io);
    const base = { files: positionals, trail: request.trail, checkpoints, keyring };

    const { target } = request;
    if (target.kind === 'inclusion') {
      const result = await proveInclusion({ ...base, sequence: target.sequence }, io);
      io.stdout.write(values.json === true ? `${serializeBundle(result.bundle)}\n` : formatInclusion(result, style));
    } else {
      const result = await proveConsistency({ ...base, size1: target.size1, size2: target.size2 }, io);
      io.stdout.write(values.json === true ? `${serializeBundle(result.bundle)}\n` : formatConsistency(result, style));
    }
    return ExitCode.OK;
  },
};

interface ProveRequest {
  readonly checkpointFiles: readonly string[];
  readonly publicKeys: readonly string[];
  readonly trail: string;
  readonly target: { readonly kind: 'inclusion'; readonly sequence: number } | { readonly kind: 'consistency'; readonly size1: number; readonly size2: number };
}

function checkRequest(positionals: readonly string[], values: ParsedArgs<typeof OPTIONS>['values']): ProveRequest {
  if (positionals.length === 0) throw new UsageError("missing FILE: name the log files that hold the trail's entries", 'prove');
  const checkpointFiles = values.checkpoints ?? [];
  const publicKeys = values['public-key'] ?? [];
  if (checkpointFiles.length === 0) throw new UsageError('missing --checkpoints FILE: the signed checkpoints to prove against', 'prove');
  if (publicKeys.length === 0) throw new UsageError('missing --public-key FILE: the public key of the keys that signed the checkpoints', 'prove');

  const sequenceText = values.sequence;
  const consistencyText = values.consistency;
  if ((sequenceText === undefined) === (consistencyText === undefined)) {
    throw new UsageError('give exactly one of --sequence N (an inclusion proof) and --consistency SIZE1:SIZE2 (a consistency proof)', 'prove');
  }

  return {
    checkpointFiles,
    publicKeys,
    trail: parseTrail(values.trail),
    target:
      sequenceText !== undefined
        ? { kind: 'inclusion', sequence: parseWhole(sequenceText, '--sequence', 0) }
        : { kind: 'consistency', ...parseSizes(consistencyText!) },
  };
}

function parseTrail(text: string | undefined): string {
  if (text === undefined) throw new UsageError('missing --trail TRAIL: the trail, as namespace:source@principal', 'prove');
  try {
    return Trail.parse(text).toString();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new UsageError(`--trail ${JSON.stringify(text)} is not a trail: ${error.message}`, 'prove');
  }
}

function parseSizes(text: string): { size1: number; size2: number } {
  const parts = text.split(':');
  if (parts.length !== 2) {
    throw new UsageError(`--consistency ${JSON.stringify(text)} is not SIZE1:SIZE2, such as 4:8`, 'prove');
  }
  const size1 = parseWhole(parts[0]!, '--consistency SIZE1', 1);
  const size2 = parseWhole(parts[1]!, '--consistency SIZE2', 1);
  if (size1 > size2) {
    throw new UsageError(`--consistency ${text}: SIZE1 is above SIZE2; write the older, smaller tree size first (${size2}:${size1})`, 'prove');
  }
  return { size1, size2 };
}

function parseWhole(text: string, flag: string, minimum: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < minimum) {
    throw new UsageError(`${flag} ${JSON.stringify(text)} is not a whole number >= ${minimum}`, 'prove');
  }
  return value;
}
