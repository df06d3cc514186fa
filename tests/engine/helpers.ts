import { hashEntry, type AuditEntry, type RecordInput } from '@auditgate/core';

/** A record input with the fields every test needs. */
export function allow(trail: string, detail: RecordInput['detail'] = {}): RecordInput {
  return { trail, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'test:action@global', detail };
}

/** Checks that `entries` form one trail: sequences 0..n-1, valid hashes, each linked to the one before. */
export function expectValidChain(entries: readonly AuditEntry[]): void {
  entries.forEach((entry, index) => {
    if (entry.sequence !== index) throw new Error(`entry ${index} has sequence ${entry.sequence}`);
    if (entry.entryHash !== hashEntry(entry)) throw new Error(`entry ${index} has a wrong hash`);
    const expectedPrev = index === 0 ? null : entries[index - 1]!.entryHash;
    if (entry.prevHash !== expectedPrev) throw new Error(`entry ${index} does not link to entry ${index - 1}`);
    if (index > 0 && entry.ts < entries[index - 1]!.ts) throw new Error(`entry ${index} goes back in time`);
  });
}
