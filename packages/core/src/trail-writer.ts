import { randomUUID } from 'node:crypto';
import { SCHEMA_VERSION, type AuditEntry } from './entry.js';
import type { Clock } from './clock.js';
import { hashEntry } from './hash.js';
import type { AuditPolicy } from './policy.js';
import type { PreparedInput } from './record-input.js';
import { StoreConflictError, type AppendRecord, type Store, type TrailTail } from './store.js';
import { formatWallTs } from './wall-time.js';

/** How often one batch is rebuilt on a fresh tail after another writer moved it. */
const MAX_CONFLICT_RETRIES = 100;
/** Maximum pause before a retry, in milliseconds. Pauses grow from under 1 ms up to this. */
const MAX_BACKOFF_MS = 20;

interface Draft {
  readonly id: string;
  readonly input: PreparedInput;
  readonly policy: AuditPolicy;
}

interface Pending extends Draft {
  readonly resolve: (entry: AuditEntry) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Serializes all writes to one trail from this process. Records that arrive while an append is
 * in flight wait in a queue and go to the store together in the next append (group commit),
 * in the order they arrived. Sequence numbers and prev_hash come from the tail this writer last
 * saw. When the store reports that another writer moved the tail, the batch is rebuilt on the
 * new tail and tried again, so entries never fork or skip a sequence number.
 */
export class TrailWriter {
  #tail: TrailTail | null | undefined = undefined;
  #queue: Pending[] = [];
  #draining: Promise<void> | null = null;
  // Record ids: a random prefix per writer and a counter, unique across processes and cheaper
  // than a UUID per entry.
  readonly #idPrefix = `${randomUUID()}:`;
  #nextId = 0;

  constructor(
    private readonly store: Store,
    private readonly trail: string,
    private readonly clock: Clock,
    private readonly maxBatch: number,
  ) {}

  /**
   * Writes one entry. Returns it at once when the trail is idle and the store appends
   * synchronously. Otherwise queues it and resolves once the store contains it. A store error
   * throws or rejects with the store's error.
   */
  write(input: PreparedInput, policy: AuditPolicy): AuditEntry | Promise<AuditEntry> {
    const draft: Draft = { id: `${this.#idPrefix}${this.#nextId++}`, input, policy };
    if (this.#draining === null && this.store.appendSync !== undefined) {
      const entry = this.#appendNow(draft, this.store.appendSync.bind(this.store));
      if (entry !== null) return entry;
    }

    return new Promise((resolve, reject) => {
      this.#queue.push({ ...draft, resolve, reject });
      this.#draining ??= this.#drain();
    });
  }

  // The synchronous path skips the queue, so it may only run while nothing is queued.
  // Returns null when the tail is unknown or moved, so that the caller queues the entry.
  #appendNow(draft: Draft, appendSync: NonNullable<Store['appendSync']>): AuditEntry | null {
    if (this.#tail === undefined) {
      if (this.store.tailSync === undefined) return null;
      this.#tail = this.store.tailSync(this.trail);
    }

    const records = this.#build([draft], this.#tail);
    try {
      appendSync(this.trail, records);
    } catch (error) {
      this.#tail = undefined;
      if (error instanceof StoreConflictError) return null;
      throw error;
    }

    const entry = records[0]!.entry;
    this.#tail = { sequence: entry.sequence, entryHash: entry.entryHash, ts: entry.ts };
    return entry;
  }

  /** Resolves once every queued entry has been written or has failed. */
  async settled(): Promise<void> {
    while (this.#draining !== null) await this.#draining;
  }

  async #drain(): Promise<void> {
    // Yield once, so that records made in the same tick as the first one join its batch.
    await undefined;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.maxBatch);
        await this.#commit(batch);
      }
    } finally {
      this.#draining = null;
    }
  }

  async #commit(batch: Pending[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        this.#tail ??= await this.store.tail(this.trail);
        const records = this.#build(batch, this.#tail);
        await this.store.append(this.trail, records);

        const last = records[records.length - 1]!.entry;
        this.#tail = { sequence: last.sequence, entryHash: last.entryHash, ts: last.ts };
        for (let i = 0; i < batch.length; i++) batch[i]!.resolve(records[i]!.entry);
        return;
      } catch (error) {
        // Whatever happened, the tail this writer remembers may be stale now.
        this.#tail = undefined;
        if (error instanceof StoreConflictError && attempt < MAX_CONFLICT_RETRIES) {
          // Writers that keep losing to each other step aside for a random while, so that
          // one of them gets a turn. The first two retries go at once.
          if (attempt >= 2) await pause(Math.random() * Math.min(MAX_BACKOFF_MS, 2 ** (attempt - 2)));
          continue;
        }
        for (const pending of batch) pending.reject(error);
        return;
      }
    }
  }

  #build(batch: readonly Draft[], tail: TrailTail | null): AppendRecord[] {
    const records: AppendRecord[] = [];
    let sequence = tail === null ? 0 : tail.sequence + 1;
    let previousHash = tail?.entryHash ?? null;
    // ts never goes below the tail's, even when this machine's clock is behind another writer's.
    let ts = Math.max(this.clock(), tail?.ts ?? -Infinity);

    for (const pending of batch) {
      const { input, policy } = pending;
      const prevHash = policy.integrity === 'CHAIN' && sequence > 0 ? previousHash : null;
      // A literal with a fixed key order keeps every entry on one hidden class. It is frozen
      // once its hash, computed from the entry itself, is in place.
      const entry: { -readonly [K in keyof AuditEntry]: AuditEntry[K] } = {
        schemaVersion: SCHEMA_VERSION,
        trail: this.trail,
        ts,
        wallTs: formatWallTs(ts),
        verdict: input.verdict,
        severity: input.severity,
        gateType: input.gateType,
        gateIdentity: input.gateIdentity,
        recordedBy: input.recordedBy,
        reason: input.reason,
        detail: input.detail,
        entryHash: null,
        prevHash,
        sequence,
      };
      if (policy.integrity !== 'NONE') entry.entryHash = hashEntry(entry, input.detailJson);
      Object.freeze(entry);
      records.push({ id: pending.id, entry });
      sequence++;
      previousHash = entry.entryHash;
    }
    return records;
  }
}

function pause(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
