import { resolve } from 'node:path';
import { KeyFileError, writeKeyPair, type KeyPairFiles } from '@auditgate/checkpoint';
import { parseCommandArgs } from '../args.js';
import { ExitCode, InputError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { printableJson, quoted } from '../output/printable.js';
import { describeOpenError } from '../read/open-input.js';
import type { Command } from './command.js';

const HELP = `Usage: auditgate keygen --out FILE [--json]

Creates an Ed25519 key pair for signing checkpoints. The private key goes to FILE (PKCS#8 PEM,
mode 0600), the public key to FILE.pub (SPKI PEM, mode 0644). Existing files are never
overwritten. The command prints the key id and both paths, never the keys themselves.

Give the private key to the process that records entries (loadPrivateKey in
@auditgate/checkpoint), and the public key to everyone who verifies: auditgate verify and
auditgate prove take it with --public-key.

Flags:
  --out FILE   where to write the private key; the public key goes to FILE.pub (required;
               - is rejected, because a private key is never printed)
  --json       print {"keyId", "privateKeyPath", "publicKeyPath"} instead of text
  -h, --help   print this help

Exit status: 0 the key pair was written, 2 bad usage, or FILE or FILE.pub exists already or
cannot be created.

Example:
  auditgate keygen --out keys/checkpoint.key
`;

const OPTIONS = { out: { type: 'string' } } as const;

export const keygenCommand: Command = {
  name: 'keygen',
  summary: 'create an Ed25519 key pair for signing checkpoints',
  help: () => HELP,

  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, 'keygen');
    if (values.help === true) {
      io.stdout.write(HELP);
      return ExitCode.OK;
    }
    if (positionals.length > 0) {
      throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}; name the private key file with --out`, 'keygen');
    }
    if (values.out === undefined || values.out === '') {
      throw new UsageError('missing --out FILE: the file to write the private key to', 'keygen');
    }
    // Elsewhere - means stdout, but a private key must never be printed.
    if (values.out === '-') {
      throw new UsageError('--out - is not accepted: keygen writes the private key to a file, never to stdout; give a file name', 'keygen');
    }

    const files = await writeKeys(values.out, io);
    if (values.json === true) {
      io.stdout.write(`${printableJson(files)}\n`);
    } else {
      io.stdout.write(
        `key id:      ${files.keyId}\n` +
          `private key: ${quoted(files.privateKeyPath)} (mode 0600; only the signing process may read it)\n` +
          `public key:  ${quoted(files.publicKeyPath)} (give it to verifiers: --public-key ${quoted(files.publicKeyPath)})\n`,
      );
    }
    return ExitCode.OK;
  },
};

// Paths are reported as given, so that the output matches what the user typed.
async function writeKeys(out: string, io: CliIo): Promise<KeyPairFiles> {
  try {
    const written = await writeKeyPair(resolve(io.cwd, out));
    return { keyId: written.keyId, privateKeyPath: out, publicKeyPath: `${out}.pub` };
  } catch (error) {
    if (error instanceof KeyFileError && error.code === 'KEY_EXISTS') {
      const existing = error.path === resolve(io.cwd, out) ? out : `${out}.pub`;
      throw new InputError(`--out ${out}: ${existing} exists already; keygen never overwrites a key. Move the old key away or choose another --out`, {
        cause: error,
        code: 'KEY_EXISTS',
      });
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('E')) {
      const reason = code === 'ENOENT' ? 'its directory does not exist' : describeOpenError(error, 'key file');
      throw new InputError(`--out ${out}: cannot create the key files: ${reason}`, { cause: error });
    }
    throw error;
  }
}
