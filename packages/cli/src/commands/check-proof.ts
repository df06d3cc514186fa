import { parseCommandArgs } from '../args.js';
import { loadKeyring, readCheckpointInputs } from '../checkpoints/checkpoint-inputs.js';
import { CheckFailedError, ExitCode, InputError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { countOf } from '../output/plural.js';
import { printableJson, printableMessage, quoted } from '../output/printable.js';
import { styleFor, type Style } from '../output/style.js';
import { checkBundle, type CheckedProof } from '../proofs/check-bundle.js';
import { INCLUSION_PROOF_TYPE, parseBundle, type UncheckedBundle } from '../proofs/proof-bundle.js';
import { trustedCheckpoints } from '../proofs/trusted-checkpoints.js';
import { openInput } from '../read/open-input.js';
import type { Command } from './command.js';

const HELP = `Usage: auditgate check-proof PROOF_FILE --public-key FILE [--checkpoints FILE] [--json]

Checks a proof saved with 'auditgate prove --json', without the log: the proof's hashes must
lead to the root that its checkpoint signed, the checkpoint's signature must verify under a
--public-key key, a checkpoint's frontier must fold to its root, and an inclusion proof must
be about the entry it carries. That entry is a wire entry: a key that a wire entry does not
have, such as wallTs, makes the file unreadable (status 2). A consistency proof must lead from
the older checkpoint's root to the newer one's. - reads stdin.

With --checkpoints, every checkpoint in the proof must also be among the valid checkpoints of
those files, such as a witness copy: a validly signed checkpoint that the copy lacks may have
been shown to you alone, and one with another root at the same tree size is a fork.

Flags:
  --public-key FILE   a public key (PEM) that may sign checkpoints; repeat for retired keys
                      (required)
  --checkpoints FILE  checkpoints that the proof's checkpoints must be among; repeatable
  --json              print {"valid", "type", ...} instead of text; a failed check has
                      "failure": {"code", "message"}
  -h, --help          print this help

Exit status: 0 the proof checks out, 1 it does not, 2 bad usage, or a proof file that cannot
be read or is not a proof.

Example:
  auditgate check-proof proof.json --public-key checkpoint.key.pub
  auditgate check-proof proof.json --public-key checkpoint.key.pub --checkpoints witness/checkpoints.jsonl
`;

const OPTIONS = {
  'public-key': { type: 'string', multiple: true },
  checkpoints: { type: 'string', multiple: true },
} as const;

export const checkProofCommand: Command = {
  name: 'check-proof',
  summary: "check a proof saved by 'auditgate prove --json'",
  help: () => HELP,

  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, 'check-proof');
    if (values.help === true) {
      io.stdout.write(HELP);
      return ExitCode.OK;
    }
    if (positionals.length !== 1) {
      throw new UsageError(`expected one PROOF_FILE, got ${positionals.length}; run the command once per proof`, 'check-proof');
    }
    const publicKeys = values['public-key'] ?? [];
    if (publicKeys.length === 0) throw new UsageError('missing --public-key FILE: the public key of the key that signed the checkpoint', 'check-proof');

    const keyring = await loadKeyring(publicKeys, io);
    const published = values.checkpoints === undefined ? null : await trustedCheckpoints(await readCheckpointInputs(values.checkpoints, '--checkpoints', io), keyring);
    const { name, text } = await readText(positionals[0]!, io);
    const bundle = parseBundle(text, name);

    let checked: CheckedProof;
    try {
      checked = checkBundle(bundle, keyring, published, name);
    } catch (error) {
      if (!(error instanceof CheckFailedError)) throw error;
      const type = bundle.type === INCLUSION_PROOF_TYPE ? 'inclusion' : 'consistency';
      const failure = { code: error.code, message: error.message };
      const text = `INVALID: ${printableMessage(error.message, trailsOf(bundle))}`;
      io.stdout.write(values.json === true ? `${printableJson({ valid: false, type, failure })}\n` : `${styleFor(io.stdout, io).red(text)}\n`);
      return ExitCode.INVALID;
    }

    io.stdout.write(values.json === true ? `${printableJson({ valid: true, ...checked })}\n` : describe(checked, styleFor(io.stdout, io)));
    return ExitCode.OK;
  },
};

function describe(checked: CheckedProof, style: Style): string {
  if (checked.type === 'inclusion') {
    return (
      `${style.green('VALID')}: entry ${checked.sequence} of trail ${quoted(checked.trail)} is leaf ${checked.sequence} of the tree of ` +
      `${countOf(checked.treeSize, 'entry', 'entries')} whose root ${checked.root} is signed by key ${checked.keyId}\n`
    );
  }
  return (
    `${style.green('VALID')}: the checkpoint of trail ${quoted(checked.trail)} at tree size ${checked.size2} (root ${checked.newerRoot}) extends ` +
    `the one at tree size ${checked.size1} (root ${checked.olderRoot}), signed by key ${checked.keyIds.join(' and ')}\n`
  );
}

// The trail strings a proof file carries, which failure messages may quote.
function trailsOf(bundle: UncheckedBundle): string[] {
  const parts: unknown[] = bundle.type === INCLUSION_PROOF_TYPE ? [bundle.proof, bundle.checkpoint, bundle.entry] : [bundle.proof, bundle.older, bundle.newer];
  return parts.map((part) => (part as { trail?: unknown } | null)?.trail).filter((trail): trail is string => typeof trail === 'string');
}

async function readText(path: string, io: CliIo): Promise<{ name: string; text: string }> {
  const input = await openInput(path, io, 'proof file');
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of input.stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  } catch (error) {
    throw new InputError(`${input.name}: read failed: ${(error as Error).message}`, { cause: error });
  } finally {
    await input.close();
  }
  return { name: input.name, text: Buffer.concat(chunks).toString('utf8') };
}
