import { Engine, type AuditPolicy, type Decision, type JsonObject, type RecordInput, type Store } from '@auditgate/core';
import { expect } from 'vitest';
import { findChainBreaks } from '../chain.js';

/** Creates an engine over `store` whose unregistered trails use `policy` on top of CHAIN integrity. */
export function newEngine(store: Store, policy: Partial<AuditPolicy> = {}, maxBatch?: number): Engine {
  return new Engine({
    store,
    defaultPolicy: { integrity: 'CHAIN', ...policy },
    recordedBy: 'conformance',
    ...(maxBatch === undefined ? {} : { maxBatch }),
  });
}

/** Returns a record input for `trail`; `detail` distinguishes the entries. */
export function input(trail: string, detail: JsonObject): RecordInput {
  return { trail, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'billing:refund@user:42', detail };
}

/**
 * Checks that the stored trail is one unbroken chain from sequence 0 and that it contains exactly
 * the entries of the RECORDED decisions, each once, at the sequence the decision reported.
 */
export async function expectTrailHoldsRecorded(store: Store, trail: string, decisions: readonly Decision[]): Promise<void> {
  const stored = await store.query({ trail });
  expect(findChainBreaks(stored, null, { chained: true })).toEqual([]);

  const recorded = decisions.filter((decision) => decision.status === 'RECORDED').map((decision) => decision.entry!);
  expect(stored).toHaveLength(recorded.length);
  const bySequence = new Map(stored.map((entry) => [entry.sequence, entry.entryHash]));
  for (const entry of recorded) {
    expect(bySequence.get(entry.sequence), `entry at sequence ${entry.sequence}`).toBe(entry.entryHash);
  }
}
