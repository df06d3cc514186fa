import type { RedisClient } from './scripts.js';

/**
 * Tracks whether a client's connection is known to be broken, so the store can fail a command at
 * once instead of queueing it until the command timeout passes. The connection counts as broken
 * from the first connection error until the client is ready again. Before the first attempt
 * fails, commands wait in ioredis's offline queue as usual.
 */
export class ConnectionHealth {
  #failure: Error | null = null;

  readonly #onError = (error: Error): void => {
    this.#failure = error;
  };

  readonly #onReady = (): void => {
    this.#failure = null;
  };

  constructor(private readonly client: RedisClient) {
    // Listening also keeps ioredis from printing "Unhandled error event" on every failed attempt.
    client.on('error', this.#onError);
    client.on('ready', this.#onReady);
  }

  /** The error that broke the connection, while it is broken; null otherwise. */
  get failure(): Error | null {
    return this.client.status === 'ready' ? null : this.#failure;
  }

  /** Stops listening, for a client that outlives the store. */
  detach(): void {
    this.client.off('error', this.#onError);
    this.client.off('ready', this.#onReady);
  }
}
