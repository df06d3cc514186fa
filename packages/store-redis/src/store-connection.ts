import { ValidationError } from '@auditgate/core';
import { ConnectionHealth } from './connection-health.js';
import { RedisUnavailableError, toRedisStoreError } from './errors.js';
import { connect, type Connection, type RedisStoreOptions } from './options.js';
import type { RedisClient } from './scripts.js';

/**
 * The client of one store and the rules every store operation shares: fail at once while the
 * connection is known to be down, map client errors to RedisStoreError subclasses, and reject
 * after close.
 */
export class StoreConnection {
  readonly client: RedisClient;
  readonly #connection: Connection;
  readonly #health: ConnectionHealth;
  readonly #storeName: string;
  #closed = false;

  /**
   * @param storeName - The class name that error messages tell the caller to create again.
   * @throws {ValidationError} naming an invalid option.
   */
  constructor(options: RedisStoreOptions, storeName: string) {
    this.#connection = connect(options);
    this.client = this.#connection.client;
    this.#health = new ConnectionHealth(this.client);
    this.#storeName = storeName;
  }

  /**
   * Runs one store operation. `operation` names it in error messages, such as
   * `check of gate billing:refund@user:1`.
   *
   * @throws {ValidationError} with code STORE_CLOSED after {@link close}.
   * @throws {RedisUnavailableError} while the connection is down, without sending anything.
   * @throws {RedisStoreError} subclasses for errors of the client; other errors pass unchanged.
   */
  async run<T>(operation: string, send: () => Promise<T>): Promise<T> {
    this.checkOpen();
    const { target, commandTimeoutMs } = this.#connection;
    const failure = this.#health.failure;
    if (failure !== null) throw new RedisUnavailableError(operation, target, failure);
    try {
      return await send();
    } catch (error) {
      throw toRedisStoreError(error, { operation, target, commandTimeoutMs });
    }
  }

  /** @throws {ValidationError} with code STORE_CLOSED after {@link close}. */
  checkOpen(): void {
    if (this.#closed) {
      throw new ValidationError('store', `the store is closed; create a new ${this.#storeName}`, 'STORE_CLOSED');
    }
  }

  /** Closes the client if the store created it; a client passed in stays open. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#health.detach();
    if (!this.#connection.owned) return;
    try {
      await this.client.quit();
    } catch {
      // QUIT fails when the connection is already down; nothing is left to flush then.
      this.client.disconnect();
    }
  }
}
