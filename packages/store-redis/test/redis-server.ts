import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** A redis-server that a test started on loopback, with its data in a temporary folder. */
export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** Kills the server with SIGKILL, as a crash would, and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and folder, after kill(). */
  restart(): Promise<void>;
  /** Kills the server and deletes its folder. */
  remove(): Promise<void>;
}

export interface PrivateRedisOptions {
  /** Log every write to an append-only file and fsync it before replying. Default false. */
  readonly appendOnly?: boolean;
}

/**
 * Starts `redis-server` from PATH on a free loopback port and waits until it replies to PING.
 * Snapshots are off; with `appendOnly` the AOF is fsynced on every write.
 */
export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'auditgate-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, '--daemonize', 'no'];
  args.push(...(options.appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));

  let child = await launch(args, port);
  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    kill,
    restart: async () => {
      await kill();
      child = await launch(args, port);
    },
    remove: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Redis for one test file: REDIS_URL with a key prefix of its own, or a private server. */
export interface TestRedis {
  readonly url: string;
  readonly keyPrefix: string;
  /** Deletes this run's keys, or removes the private server. */
  close(): Promise<void>;
}

/**
 * Returns the Redis that tests should use. REDIS_URL points them at a shared server, where every
 * run writes under a fresh key prefix and deletes its keys afterwards. Without REDIS_URL, they get
 * a private server and never touch the machine's Redis on 6379.
 */
export async function testRedis(): Promise<TestRedis> {
  const shared = process.env.REDIS_URL;
  const keyPrefix = `auditgate-test:${randomUUID()}:`;
  if (shared === undefined || shared === '') {
    const server = await startPrivateRedis();
    return { url: server.url, keyPrefix, close: () => server.remove() };
  }
  return { url: shared, keyPrefix, close: () => deleteKeys(shared, keyPrefix) };
}

async function deleteKeys(url: string, keyPrefix: string): Promise<void> {
  const client = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await client.quit();
  }
}

async function launch(args: string[], port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`could not start redis-server: ${error.message}; install it (apt-get install redis-server)`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited with code ${code} before replying to PING: ${stderr}`)));
  });
  await Promise.race([waitForPong(port), failed]);
  failed.catch(() => undefined);
  return child;
}

/** Polls PING over a raw socket until +PONG comes back, for at most ten seconds. */
async function waitForPong(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await repliesToPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`redis-server on port ${port} did not reply to PING within 10 s`);
}

function repliesToPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Returns a loopback port that was free a moment ago, by binding port 0 and closing. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('the probe server reported no port'))));
    });
  });
}
