import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** A Redis for the benchmarks: REDIS_URL, or a private redis-server on a free loopback port. */
export interface BenchRedis {
  readonly url: string;
  stop(): Promise<void>;
}

/** Returns null when neither REDIS_URL nor a redis-server on PATH is available. */
export async function benchRedis(): Promise<BenchRedis | null> {
  const shared = process.env.REDIS_URL;
  if (shared !== undefined && shared !== '') return { url: shared, stop: async () => undefined };

  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'auditgate-bench-redis-'));
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  const started = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(false));
    child.once('spawn', () => resolve(true));
  });
  if (!started) return null;

  const url = `redis://127.0.0.1:${port}`;
  await waitForPing(url);
  return {
    url,
    stop: async () => {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPing(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => 50 });
  // Refused connections while the server starts are expected; the loop below retries.
  client.on('error', () => undefined);
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await client.connect().catch(() => undefined);
      await client.ping();
      client.disconnect();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  client.disconnect();
  throw new Error(`redis-server at ${url} did not reply to PING within 5 seconds; check that redis-server starts on this machine`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}
