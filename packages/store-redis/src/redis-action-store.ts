import { randomBytes } from 'node:crypto';
import type { ActionStore, CallLimits, CallOutcome } from '@auditgate/actiongate';
import { ACTION_CHECK_SCRIPT, callOutcomeFromReply } from './action-script.js';
import { callLimitArgs } from './gate-arguments.js';
import { KeySpace } from './keys.js';
import type { RedisStoreOptions } from './options.js';
import { bindScript, type RedisClient, type ScriptCaller } from './scripts.js';
import { StoreConnection } from './store-connection.js';

/**
 * An {@link ActionStore} for `@auditgate/actiongate` that keeps each gate's calls in Redis, so
 * that every process and machine using the same server and key prefix shares one limit. Each
 * check is one Lua script call that prunes, decides and records atomically.
 *
 * Time comes from the Redis server (TIME), not from the gate: the `now` argument of
 * {@link checkAndReserve} is ignored, `timeSinceLast` is measured on the server's clock, and
 * gates whose clocks disagree still share one window.
 *
 * A check is never retried. One that timed out may still have recorded its call, which can only
 * lower the calls left.
 *
 * @example
 * const actions = new ActionGate({ store: new RedisActionStore({ url: 'redis://127.0.0.1:6379' }) });
 */
export class RedisActionStore implements ActionStore {
  readonly #connection: StoreConnection;
  readonly #keys: KeySpace;
  readonly #check: ScriptCaller;
  // Makes members unique across processes without a counter key: a random tag per store and a
  // count per call.
  readonly #tag = randomBytes(6).toString('hex');
  #calls = 0;

  /** @throws {ValidationError} naming an invalid option. */
  constructor(options: RedisStoreOptions = {}) {
    this.#keys = new KeySpace(options?.keyPrefix);
    this.#connection = new StoreConnection(options, 'RedisActionStore');
    this.#check = bindScript(this.#connection.client, ACTION_CHECK_SCRIPT);
  }

  /** The client this store sends commands through. */
  get client(): RedisClient {
    return this.#connection.client;
  }

  /** The key layout of this store, for inspecting a gate's key. */
  get keys(): KeySpace {
    return this.#keys;
  }

  /**
   * Decides one call and records it when allowed, on the Redis server's clock.
   *
   * @param _now - Ignored: the script reads the server's TIME instead.
   * @throws {ValidationError} for invalid limits, or with code STORE_CLOSED after close.
   * @throws {RedisUnavailableError} when Redis cannot be reached.
   * @throws {RedisTimeoutError} when no reply came within the command timeout.
   * @throws {RedisCommandError} when Redis replied with an error.
   */
  async checkAndReserve(key: string, limits: CallLimits, _now?: number): Promise<CallOutcome> {
    const args = callLimitArgs(limits);
    this.#calls += 1;
    const member = `${this.#tag}-${this.#calls}`;
    const calls = this.#keys.actionGate(key).calls;

    const reply = await this.#connection.run(`check of gate ${key}`, () => this.#check([calls], [...args, member]));
    return callOutcomeFromReply(reply);
  }

  /**
   * Forgets the calls of one gate.
   *
   * @throws {RedisStoreError} when Redis fails.
   */
  async clear(key: string): Promise<void> {
    const calls = this.#keys.actionGate(key).calls;
    await this.#connection.run(`clear of gate ${key}`, () => this.#connection.client.del(calls));
  }

  /** Sends PING. @throws {RedisStoreError} when Redis does not reply. */
  async ping(): Promise<void> {
    await this.#connection.run('ping', () => this.#connection.client.ping());
  }

  /** Closes the client if the store created it; a client passed in stays open. */
  async close(): Promise<void> {
    await this.#connection.close();
  }
}
