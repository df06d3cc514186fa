import { randomUUID } from 'node:crypto';
import { SCHEMA_VERSION, type AuditEntry } from './entry.js';
import type { Clock } from './clock.js';
import { hashEntry } from './hash.js';
import type { AuditPolicy } from './policy.js';
import type { PreparedInput } from './record-input.js';
import { StoreConflictError, type AppendRecord, type Store, type TrailTail } from './store.js';
import { formatWallTs } from './wall-time.js';

/** How often one batch is rebuilt on a fresh tail after another writer moved it. */
const MAX_CONFLICT_RETRIES = 64;

interface Pending {
  readonly id: string;
  readonly input: PreparedInput;
  readonly policy: AuditPolicy;
  readonly resolve: (entry: AuditEntry) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Serializes all writes to one trail from this process. Records that arrive while an append is
 * in flight wait in a queue and go to the store together in the next append (group commit),
 * in the order they arrived. Sequence numbers and prev_hash come from the tail this writer last
 * saw; when the store reports that another writer moved the tail, the batch is rebuilt on the
 * new tail and tried again, so entries never fork or skip a sequence number.
 */
export class TrailWriter {
  #tail: TrailTail | null | undefined = undefined;
  #queue: Pending[] = [];
  #draining: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly trail: string,
    private readonly clock: Clock,
    private readonly maxBatch: number,
  ) {}

  /** Queues one entry; resolves with it once the store holds it, rejects with the store's error. */
  write(input: PreparedInput, policy: AuditPolicy): Promise<AuditEntry> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: randomUUID(), input, policy, resolve, reject });
      this.#draining ??= this.#drain();
    });
  }

  /** Resolves once every queued entry has been written or has failed. */
  async settled(): Promise<void> {
    while (this.#draining !== null) await this.#draining;
  }

  async #drain(): Promise<void> {
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
        if (error instanceof StoreConflictError && attempt < MAX_CONFLICT_RETRIES) continue;
        for (const pending of batch) pending.reject(error);
        return;
      }
    }
  }

  #build(batch: Pending[], tail: TrailTail | null): AppendRecord[] {
    const records: AppendRecord[] = [];
    let sequence = tail === null ? 0 : tail.sequence + 1;
    let previousHash = tail?.entryHash ?? null;
    // ts never goes below the tail's, even when this machine's clock is behind another writer's.
    let ts = Math.max(this.clock(), tail?.ts ?? -Infinity);

    for (const pending of batch) {
      const { input, policy } = pending;
      const prevHash = policy.integrity === 'CHAIN' && sequence > 0 ? previousHash : null;
      const hashed = {
        trail: this.trail,
        ts,
        verdict: input.verdict,
        severity: input.severity,
        gateType: input.gateType,
        gateIdentity: input.gateIdentity,
        reason: input.reason,
        detail: input.detail,
        sequence,
        prevHash,
      };
      const entryHash = policy.integrity === 'NONE' ? null : hashEntry(hashed, input.detailJson);
      const entry: AuditEntry = Object.freeze({
        schemaVersion: SCHEMA_VERSION,
        ...hashed,
        wallTs: formatWallTs(ts),
        recordedBy: input.recordedBy,
        entryHash,
      });
      records.push({ id: pending.id, entry });
      sequence++;
      previousHash = entryHash;
    }
    return records;
  }
}
