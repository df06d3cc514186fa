import { randomUUID } from 'node:crypto';
import { hashEntry, SCHEMA_VERSION, type AppendRecord, type AuditEntry, type JsonObject } from '@auditgate/core';

export interface ChainOptions {
  /** Sequence of the first entry. Default 0. */
  readonly start?: number;
  /** Hash of the entry before the first; null for a new trail. */
  readonly prevHash?: string | null;
  /** ts of each entry, by index within the batch. Default 1000 + sequence. */
  readonly ts?: (index: number) => number;
  readonly detail?: (index: number) => JsonObject;
  readonly verdict?: (index: number) => AuditEntry['verdict'];
}

/** Builds `count` CHAIN entries of one trail, each with a fresh record id, as the engine would. */
export function chainRecords(trail: string, count: number, options: ChainOptions = {}): AppendRecord[] {
  const start = options.start ?? 0;
  let prevHash = options.prevHash ?? null;
  const records: AppendRecord[] = [];
  for (let i = 0; i < count; i++) {
    const sequence = start + i;
    const hashed = {
      trail,
      ts: options.ts?.(i) ?? 1000 + sequence,
      verdict: options.verdict?.(i) ?? 'ALLOW',
      severity: 'INFO' as const,
      gateType: 'actiongate',
      gateIdentity: 'billing:refund',
      reason: null,
      detail: options.detail?.(i) ?? { n: sequence },
      sequence,
      prevHash: sequence === 0 ? null : prevHash,
    };
    const entryHash = hashEntry(hashed);
    const entry: AuditEntry = { schemaVersion: SCHEMA_VERSION, ...hashed, wallTs: '1970-01-01T00:16:40.000Z', recordedBy: 'test', entryHash };
    records.push({ id: randomUUID(), entry });
    prevHash = entryHash;
  }
  return records;
}
