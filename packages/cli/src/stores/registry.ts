import type { Store } from '@auditgate/core';
import { InputError, UsageError } from '../errors.js';
import { openFileUrl } from './file-opener.js';
import { openRedisUrl } from './redis-opener.js';

/**
 * Opens a store for one URL scheme. `url` is the parsed URL; `spec` is the text as the user
 * wrote it, because a relative path such as `file:logs/audit` does not survive URL parsing.
 */
export type StoreOpener = (url: URL, spec: string, context: { readonly cwd: string }) => Promise<Store> | Store;

interface Registration {
  readonly open: StoreOpener;
  readonly description: string;
}

/** Maps URL schemes (`file`, `redis`) to the openers of the stores that live behind them. */
export class StoreRegistry {
  readonly #openers = new Map<string, Registration>();

  /** Registers, or replaces, the opener of one scheme, given without the colon. */
  register(scheme: string, open: StoreOpener, description = ''): this {
    this.#openers.set(scheme.toLowerCase(), { open, description });
    return this;
  }

  /** Lists the registered schemes with their descriptions, for help text. */
  schemes(): Array<{ scheme: string; description: string }> {
    return [...this.#openers].map(([scheme, { description }]) => ({ scheme, description }));
  }

  /**
   * Opens the store that `spec` names.
   *
   * @throws {UsageError} when `spec` is not a URL or its scheme has no opener.
   * @throws {InputError} when the opener fails, such as for a missing file or an unreachable server.
   */
  async open(spec: string, context: { readonly cwd: string }): Promise<Store> {
    let url: URL;
    try {
      url = new URL(spec);
    } catch {
      throw new UsageError(`--store ${JSON.stringify(spec)} is not a URL; write it with a scheme, such as ${this.#examples()}`);
    }

    const scheme = url.protocol.slice(0, -1).toLowerCase();
    const registration = this.#openers.get(scheme);
    if (registration === undefined) {
      const known = [...this.#openers.keys()].map((name) => `${name}:`).join(', ') || 'none';
      throw new UsageError(`--store: no store is registered for ${scheme}: URLs (registered: ${known})`);
    }

    try {
      return await registration.open(url, spec, context);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new InputError(`--store ${spec}: cannot open the store: ${(error as Error).message}`, { cause: error });
    }
  }

  #examples(): string {
    const schemes = [...this.#openers.keys()].filter((scheme) => scheme !== 'memory');
    return schemes.length === 0 ? 'file:audit-logs' : schemes.map((scheme) => `${scheme}:...`).join(' or ');
  }
}

/**
 * Returns the registry the command line starts with: `file:` for @auditgate/store-file
 * directories, `redis:` and `rediss:` for @auditgate/store-redis, and `memory:` only to explain
 * why it cannot work, since a memory store lives and dies inside the process that created it.
 */
export function defaultStoreRegistry(): StoreRegistry {
  return new StoreRegistry()
    .register(
      'memory',
      () => {
        throw new UsageError('--store memory: a memory store exists only inside the process that created it, so a separate command cannot read it; use a file or redis store');
      },
      'not usable from the command line; explains why',
    )
    .register('file', openFileUrl, 'a directory of @auditgate/store-file, opened read-only: file:relative/dir or file:///abs/dir')
    .register('redis', openRedisUrl, 'a Redis server: redis://[user:password@]host:port[/db], where db is a database number the server has; no query parameters')
    .register('rediss', openRedisUrl, 'a Redis server over TLS: rediss://[user:password@]host:port[/db], as for redis:');
}

/**
 * Opens the store a `--store` URL names, through `registry`.
 *
 * @throws {UsageError} when the URL is invalid or its scheme has no opener.
 * @throws {InputError} when the store cannot be opened.
 */
export function openStore(spec: string, registry: StoreRegistry = defaultStoreRegistry(), cwd = process.cwd()): Promise<Store> {
  return registry.open(spec, { cwd });
}
