import { LosslessNumber, canonicalJson, entryToWire, parseLosslessJson, pyFloat, pyInt, serializeEntry, type AuditEntry } from '@auditgate/core';
import { leafHash } from '@auditgate/merkle';
import { describe, expect, it } from 'vitest';

import { entryLeafHash, wireLeafHash } from './leaf.js';
import { BILLING, chainEngine } from './test-support/trails.js';

async function recorded(detail: AuditEntry['detail']): Promise<AuditEntry> {
  const decision = await chainEngine().record({ trail: BILLING, verdict: 'ALLOW', gateType: 'actiongate', gateIdentity: 'billing:refund@user:42', detail });
  return decision.entry as AuditEntry;
}

describe('leaf hashes', () => {
  it.each([
    ['plain values', { amount: 12, note: 'refund' }],
    ['floats', { ratio: 0.1, whole: pyFloat(3), tiny: 1e-7 }],
    ['big integers', { id: pyInt('123456789012345678901234567890') }],
    ['non-ASCII text', { name: 'Zoë 🧾', escaped: '"quote" \\ /' }],
    ['nesting', { items: [{ sku: 'a', price: 1.25 }, null, true] }],
  ])('match between the entry and its exported line for %s', async (_case, detail) => {
    const entry = await recorded(detail as AuditEntry['detail']);
    const line = serializeEntry(entry);

    expect(wireLeafHash(parseLosslessJson(line))).toEqual(entryLeafHash(entry));
    expect(entryLeafHash(entry)).toEqual(leafHash(new TextEncoder().encode(line)));
  });

  it('ignore key order and spacing of the line', async () => {
    const entry = await recorded({ b: 1, a: 2 });
    const fields = Object.entries(parseLosslessJson(serializeEntry(entry)) as Record<string, unknown>).reverse();
    const reordered = `{ ${fields.map(([key, value]) => `${JSON.stringify(key)} : ${canonicalJson(value)}`).join(' ,\n ')} }`;

    expect(reordered.startsWith('{ "wall_ts" : ')).toBe(true);
    expect(wireLeafHash(parseLosslessJson(reordered))).toEqual(entryLeafHash(entry));
  });

  it.each(['wall_ts', 'recorded_by', 'schema_version', 'entry_hash'])('cover %s, which the entry hash leaves out', async (key) => {
    const entry = await recorded({});
    const wire = entryToWire(entry) as unknown as Record<string, unknown>;

    expect(wireLeafHash({ ...wire, [key]: key === 'entry_hash' ? null : 'changed' })).not.toEqual(entryLeafHash(entry));
  });

  it('keep the spelling of an integral float', async () => {
    const entry = await recorded({});
    const wire = entryToWire(entry);

    expect(wire.ts).toBeInstanceOf(LosslessNumber);
    expect(wireLeafHash({ ...wire, ts: Number((wire.ts as LosslessNumber).text) })).not.toEqual(entryLeafHash(entry));
  });
});
