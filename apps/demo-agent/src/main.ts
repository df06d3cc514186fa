import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILTIN_SCENARIO } from './builtin-scenario.js';
import { checkOutputPaths } from './output-paths.js';
import { progressBar } from './progress.js';
import { runDemo } from './run.js';
import { renderSummary } from './summary.js';
import { writeExport } from './trail-export.js';
import { loadTrajectories } from './trajectories.js';

const HELP = `Usage: pnpm demo [options]

Replays agent tool calls through actiongate and budgetgate, records every gate decision into
CHAIN audit trails through the bus, then verifies the trails and prints a summary.

Options:
  --trajectories PATH   tau-bench trajectory file (default: a small built-in scenario)
  --store URL           where trails go: file:DIR or redis://HOST:PORT (default: a new file
                        store in a temporary directory)
  --out FILE            also write every trail in the shared wire form: a JSON array for .json,
                        JSON Lines otherwise
  --key FILE            sign checkpoints with this Ed25519 private key (make one with
                        pnpm --silent auditgate keygen --out FILE)
  --checkpoints FILE    where the signed checkpoints go (JSON Lines); needs --key. It must
                        differ from the key files and --out, and with the default new store
                        it must be a new or empty file
  --json                print the summary as one JSON object
  --help                show this text

Example:
  pnpm demo --trajectories ../shared/data/tau-bench/gpt-4o-airline.json --out trails.jsonl`;

/** Runs the demo from command-line arguments and returns the exit code: 0 when the trails verify. */
export async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      trajectories: { type: 'string' },
      store: { type: 'string' },
      out: { type: 'string' },
      key: { type: 'string' },
      checkpoints: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }

  if ((values.key === undefined) !== (values.checkpoints === undefined)) {
    console.error('demo-agent: --key and --checkpoints go together: --key names the private key, --checkpoints the file to write');
    return 2;
  }
  const pathProblem = await checkOutputPaths({ key: values.key, checkpoints: values.checkpoints, out: values.out, newStore: values.store === undefined });
  if (pathProblem !== null) {
    console.error(`demo-agent: ${pathProblem}`);
    return 2;
  }

  const session = values.trajectories === undefined ? BUILTIN_SCENARIO : await loadTrajectories(values.trajectories);
  const storeUrl = values.store ?? `file:${await mkdtemp(join(tmpdir(), 'auditgate-demo-'))}`;
  const progress = progressBar(session.calls.length);
  const run = await runDemo({
    session,
    input: values.trajectories ?? 'built-in scenario',
    storeUrl,
    onProgress: progress.update,
    ...(values.key === undefined || values.checkpoints === undefined ? {} : { signing: { keyFile: values.key, checkpointsOut: values.checkpoints } }),
  });
  progress.end();

  if (values.out !== undefined) await writeExport(values.out, run.lines);
  console.log(values.json ? JSON.stringify(run.summary) : renderSummary(run.summary));
  return run.summary.verification.valid ? 0 : 1;
}
