import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const testDir = dirname(fileURLToPath(import.meta.url));
const WRITER = resolve(testDir, 'fixtures/writer.mjs');
const BUILT = [resolve(testDir, '../dist/index.js'), resolve(testDir, '../../core/dist/index.js')];

/** A writer process from fixtures/writer.mjs. */
export interface Writer {
  readonly child: ChildProcess;
  /** Resolves once the writer has stored its first chunk. */
  readonly started: Promise<void>;
  /** Resolves with the exit code, or the signal's name when killed. */
  readonly exited: Promise<number | string>;
  /** Everything the writer printed to stderr so far. */
  stderr(): string;
}

/**
 * Starts a writer that records `count` entries (or runs until killed) into a CHAIN trail. Writers
 * import the built dist of core and store-redis, which `pnpm exec tsup` (or turbo's build task)
 * produces.
 *
 * @throws {Error} when a dist is missing.
 */
export function startWriter(url: string, keyPrefix: string, trail: string, count: number | 'forever', worker: number): Writer {
  for (const file of BUILT) {
    if (!existsSync(file)) throw new Error(`${file} is missing; run pnpm exec tsup in packages/core and packages/store-redis first`);
  }

  const child = spawn(process.execPath, [WRITER, url, keyPrefix, trail, String(count), String(worker)], {
    cwd: resolve(testDir, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const exited = new Promise<number | string>((resolveExit) => {
    child.once('exit', (code, signal) => resolveExit(signal ?? code ?? -1));
  });
  const started = new Promise<void>((resolveStart, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('started\n')) resolveStart();
    });
    void exited.then((status) => reject(new Error(`writer ${worker} exited (${status}) before it started: ${stderr}`)));
  });
  started.catch(() => undefined);

  return { child, started, exited, stderr: () => stderr };
}
