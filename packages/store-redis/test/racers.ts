import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const testDir = dirname(fileURLToPath(import.meta.url));
const packagesDir = resolve(testDir, '../..');
const BUILT = ['store-redis', 'actiongate', 'budgetgate', 'gate-kit', 'bus', 'core'].map((name) => resolve(packagesDir, name, 'dist/index.js'));

/** A racer process from fixtures/, connected and waiting for the start signal. */
interface Racer {
  /** Resolves once the racer has connected to Redis. */
  readonly ready: Promise<void>;
  /** Resolves with the JSON object the racer printed last, or rejects when it failed. */
  readonly result: Promise<unknown>;
  /** Lets the racer send its requests. */
  start(): void;
}

/**
 * Starts one racer per argument list, waits until all are connected, starts them together and
 * returns what each printed. Racers import the built dist of the packages, which `pnpm exec tsup`
 * in each package (or turbo's build task) produces.
 *
 * @throws {Error} when a dist is missing or a racer fails.
 */
export async function race<T>(fixture: 'action-racer.mjs' | 'budget-racer.mjs', argumentLists: readonly string[][]): Promise<T[]> {
  for (const file of BUILT) {
    if (!existsSync(file)) throw new Error(`${file} is missing; run pnpm exec tsup in that package first`);
  }

  const racers = argumentLists.map((args) => startRacer(resolve(testDir, 'fixtures', fixture), args));
  await Promise.all(racers.map((racer) => racer.ready));
  for (const racer of racers) racer.start();
  return (await Promise.all(racers.map((racer) => racer.result))) as T[];
}

function startRacer(script: string, args: readonly string[]): Racer {
  const child = spawn(process.execPath, [script, ...args], { cwd: resolve(testDir, '..'), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const exited = new Promise<number | string>((resolveExit) => child.once('exit', (code, signal) => resolveExit(signal ?? code ?? -1)));
  const ready = new Promise<void>((resolveReady, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.startsWith('ready\n')) resolveReady();
    });
    void exited.then((status) => reject(new Error(`${script} exited (${status}) before it was ready: ${stderr}`)));
  });
  ready.catch(() => undefined);

  const result = exited.then((status) => {
    if (status !== 0) throw new Error(`${script} exited (${status}): ${stderr}`);
    const lastLine = stdout.trim().split('\n').at(-1) ?? '';
    return JSON.parse(lastLine) as unknown;
  });

  return { ready, result, start: () => child.stdin.end('go\n') };
}
