import type { BudgetStore, SettleOutcome, SpendOutcome, SpendRequest } from '@auditgate/budgetgate';
import { BUDGET_CHECK_SCRIPT, BUDGET_COMMIT_SCRIPT, BUDGET_RELEASE_SCRIPT } from './budget-scripts.js';
import { settleOutcomeFromReply, spendOutcomeFromReply } from './budget-replies.js';
import { reservationIdArg, spendArgs, units } from './gate-arguments.js';
import { KeySpace } from './keys.js';
import type { RedisStoreOptions } from './options.js';
import { bindScript, type RedisClient, type ScriptCaller } from './scripts.js';
import { StoreConnection } from './store-connection.js';

/**
 * A {@link BudgetStore} for `@auditgate/budgetgate` that keeps each ledger's spends and
 * reservations in Redis, so that every process and machine using the same server and key prefix
 * shares one budget. Check-and-reserve, commit and release are each one Lua script call.
 *
 * Amounts are exact at any size: the scripts add and compare minor units as decimal strings,
 * never as Lua doubles. Time comes from the Redis server (TIME), so the `now` argument of every
 * method is ignored, and reservations expire on the server's clock.
 *
 * Each reservation is settled at most once: the first commit or release wins, and a repeat
 * returns `{ expired: true }` and changes nothing, for as long as the id is remembered (its TTL
 * twice over from the reserve). No method is retried. A check or commit that timed out may still
 * have been applied, which can only count more spend, never less.
 *
 * @example
 * const budgets = new BudgetGate({ store: new RedisBudgetStore({ url: 'redis://127.0.0.1:6379' }) });
 */
export class RedisBudgetStore implements BudgetStore {
  readonly #connection: StoreConnection;
  readonly #keys: KeySpace;
  readonly #check: ScriptCaller;
  readonly #commit: ScriptCaller;
  readonly #release: ScriptCaller;

  /** @throws {ValidationError} naming an invalid option. */
  constructor(options: RedisStoreOptions = {}) {
    this.#keys = new KeySpace(options?.keyPrefix);
    this.#connection = new StoreConnection(options, 'RedisBudgetStore');
    const client = this.#connection.client;
    this.#check = bindScript(client, BUDGET_CHECK_SCRIPT);
    this.#commit = bindScript(client, BUDGET_COMMIT_SCRIPT);
    this.#release = bindScript(client, BUDGET_RELEASE_SCRIPT);
  }

  /** The client this store sends commands through. */
  get client(): RedisClient {
    return this.#connection.client;
  }

  /** The key layout of this store, for inspecting a ledger's keys. */
  get keys(): KeySpace {
    return this.#keys;
  }

  /**
   * Spends or holds `request.amount` if it fits the budget, on the Redis server's clock.
   *
   * @param _now - Ignored: the script reads the server's TIME instead.
   * @throws {ValidationError} for an invalid request, or with code STORE_CLOSED after close.
   * @throws {LedgerScaleError} when the ledger keeps amounts at another scale.
   * @throws {RedisUnavailableError}, {@link RedisTimeoutError} or RedisCommandError when Redis fails.
   */
  async checkAndReserve(key: string, request: SpendRequest, _now?: number): Promise<SpendOutcome> {
    const args = spendArgs(request);
    const reply = await this.#connection.run(`budget check of ledger ${key}`, () => this.#check(this.#ledgerKeys(key), args));
    return spendOutcomeFromReply(key, request.scale, reply);
  }

  /**
   * Replaces a held reservation by the actual cost, spent now. Resolves `{ expired: true }` when
   * the reservation was no longer held: the cost is still recorded if it had expired unsettled,
   * and nothing is recorded if it was already committed or released.
   *
   * @param _now - Ignored: the script reads the server's TIME instead.
   * @throws {ValidationError} for an invalid id or amount, or with code STORE_CLOSED after close.
   * @throws {CommitExceedsHoldError} when `actual` is above the held amount; it stays held.
   * @throws {RedisUnavailableError}, {@link RedisTimeoutError} or RedisCommandError when Redis fails.
   */
  async commit(key: string, reservationId: string, actual: bigint, _now?: number): Promise<SettleOutcome> {
    const args = [reservationIdArg(reservationId), units(actual, 'actual')];
    const reply = await this.#connection.run(`commit of reservation ${reservationId} on ledger ${key}`, () =>
      this.#commit(this.#ledgerKeys(key), args),
    );
    return settleOutcomeFromReply('commit', reservationId, actual, reply);
  }

  /**
   * Gives a held reservation back. Resolves `{ expired: true }` and changes no sum when it was no
   * longer held.
   *
   * @param _now - Ignored: the script reads the server's TIME instead.
   * @throws {ValidationError} for an invalid id, or with code STORE_CLOSED after close.
   * @throws {RedisUnavailableError}, {@link RedisTimeoutError} or RedisCommandError when Redis fails.
   */
  async release(key: string, reservationId: string, _now?: number): Promise<SettleOutcome> {
    const args = [reservationIdArg(reservationId)];
    const reply = await this.#connection.run(`release of reservation ${reservationId} on ledger ${key}`, () =>
      this.#release(this.#ledgerKeys(key), args),
    );
    return settleOutcomeFromReply('release', reservationId, 0n, reply);
  }

  /**
   * Forgets the spends and reservations of one ledger.
   *
   * @throws {RedisStoreError} when Redis fails.
   */
  async clear(key: string): Promise<void> {
    await this.#connection.run(`clear of ledger ${key}`, () => this.#connection.client.del(...this.#ledgerKeys(key)));
  }

  /** Sends PING. @throws {RedisStoreError} when Redis does not reply. */
  async ping(): Promise<void> {
    await this.#connection.run('ping', () => this.#connection.client.ping());
  }

  /** Closes the client if the store created it; a client passed in stays open. */
  async close(): Promise<void> {
    await this.#connection.close();
  }

  #ledgerKeys(key: string): string[] {
    const { totals, spends, holds, deadlines } = this.#keys.budgetLedger(key);
    return [totals, spends, holds, deadlines];
  }
}
