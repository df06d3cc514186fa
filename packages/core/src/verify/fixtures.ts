// Builders of small logs for the verifier's tests. Not exported from the package.
import type { AuditEntry } from '../entry.js';
import type { Integrity } from '../enums.js';
import { hashEntry, hashWireEntry } from '../hash.js';
import type { JsonObject } from '../json/json-value.js';
import { entryToWire } from '../wire.js';

export interface LogOptions {
  readonly integrity?: Integrity;
  /** The first entry's sequence; 0 by default. */
  readonly start?: number;
  /** The hash the first entry links to under CHAIN, for a trail that continues an anchor. */
  readonly previousHash?: string | null;
  /** The first entry's ts; each later entry is one second later. */
  readonly ts?: number;
}

/** Builds `count` consecutive wire entries of one trail, hashed and linked as `integrity` requires. */
export function buildTrail(trail: string, count: number, options: LogOptions = {}): JsonObject[] {
  const integrity = options.integrity ?? 'CHAIN';
  const start = options.start ?? 0;
  let previousHash = options.previousHash ?? null;
  const wires: JsonObject[] = [];

  for (let i = 0; i < count; i++) {
    const sequence = start + i;
    const ts = (options.ts ?? 1_700_000_000) + i;
    const hashed = {
      trail,
      ts,
      verdict: i % 3 === 2 ? ('BLOCK' as const) : ('ALLOW' as const),
      severity: 'INFO' as const,
      gateType: 'actiongate',
      gateIdentity: `${trail.split(':')[0]}:refund@user:${i}`,
      reason: i % 3 === 2 ? 'RATE_LIMIT' : null,
      detail: { calls: i, ratio: 0.5 + i },
      sequence,
      prevHash: integrity === 'CHAIN' ? previousHash : null,
    };
    const entryHash = integrity === 'NONE' ? null : hashEntry(hashed);
    const entry: AuditEntry = { schemaVersion: '0.1.1', ...hashed, wallTs: new Date(ts * 1000).toISOString(), recordedBy: 'test', entryHash };
    wires.push(entryToWire(entry));
    previousHash = entryHash;
  }
  return wires;
}

/** Returns a copy of `wire` with `changes` applied and, with `rehash`, a matching entry_hash. */
export function edit(wire: JsonObject, changes: JsonObject, rehash = false): JsonObject {
  const copy: JsonObject = { ...wire, ...changes };
  if (rehash) copy.entry_hash = hashWireEntry(copy);
  return copy;
}
