import { hashEntry, LosslessNumber, pyFloat, pyInt, type AuditEntry, type JsonObject } from '@auditgate/core';
import { describe, expect } from 'vitest';
import { comparable } from '../comparable.js';
import type { ConformanceContext } from '../context.js';
import { buildRecords, entriesOf } from '../records.js';

/** A principal with characters that file names, keys and URLs treat specially. */
export const AWKWARD_TRAIL = 'billing:actiongate@用户:42/../%2F Ä?*#';

/** Detail that only survives storage when strings, numbers and keys are kept exactly. */
export function awkwardDetail(): JsonObject {
  const detail: JsonObject = {
    text: 'Grüße, 世界 🚀 "quoted" \\ back\nline\u2028sep\u0000nul',
    lone: '\ud800 lone high surrogate',
    nested: { list: [1, 2.5, -3, { deeper: [true, false, null] }], empty: {}, emptyList: [] },
    five: pyFloat(5),
    negativeZero: pyFloat(-0),
    big: pyInt('18446744073709551617'),
    negativeBig: pyInt('-18446744073709551617'),
    tiny: 1e-7,
    tenth: 0.1,
    // No plain number of 2**53 or more: such a double is integral, so canonical JSON writes it as
    // an int, which a serializing store rightly reads back as a LosslessNumber.
    exponent: 6.02214076e-23,
    large: 1.5e15 + 0.5,
    '🔑 key': 'unicode key',
    Z: 'upper',
    a: 'lower',
  };
  Object.defineProperty(detail, '__proto__', { value: { own: 'property' }, enumerable: true, writable: true, configurable: true });
  return detail;
}

function lossless(entry: AuditEntry, key: string): LosslessNumber {
  const value = entry.detail[key];
  expect(value, `detail.${key}`).toBeInstanceOf(LosslessNumber);
  return value as LosslessNumber;
}

/** Entries come back from the store exactly as they went in. */
export function describeRoundTrip(context: ConformanceContext): void {
  const test = context.test.bind(context, 'round trip');

  describe('round trip', () => {
    test('entries come back deep-equal', async () => {
      const store = context.store;
      const records = buildRecords(AWKWARD_TRAIL, 3, {
        ts: 1_700_000_000.123,
        tsStep: 0.001,
        fields: (i) => ({
          detail: i === 1 ? awkwardDetail() : { index: i },
          reason: i === 0 ? null : `Grund ${i}: ☃`,
          gateIdentity: 'billing:refund@用户:42',
          recordedBy: i === 2 ? '' : 'agent-ß',
          severity: i === 2 ? 'CRITICAL' : 'INFO',
        }),
      });

      await store.append(AWKWARD_TRAIL, records);

      const stored = await store.query({ trail: AWKWARD_TRAIL });
      expect(comparable(stored)).toStrictEqual(comparable(entriesOf(records)));
      expect(comparable(await store.query())).toStrictEqual(comparable(entriesOf(records)));
      expect(await store.trails()).toEqual([AWKWARD_TRAIL]);
    });

    test('LosslessNumbers keep kind and text', async () => {
      const store = context.store;
      const records = buildRecords(AWKWARD_TRAIL, 1, { fields: () => ({ detail: awkwardDetail() }) });
      await store.append(AWKWARD_TRAIL, records);

      const [entry] = await store.query({ trail: AWKWARD_TRAIL });
      expect(entry).toBeDefined();
      expect([lossless(entry!, 'five').kind, lossless(entry!, 'five').text]).toEqual(['float', '5.0']);
      expect([lossless(entry!, 'negativeZero').kind, lossless(entry!, 'negativeZero').text]).toEqual(['float', '-0.0']);
      expect([lossless(entry!, 'big').kind, lossless(entry!, 'big').text]).toEqual(['int', '18446744073709551617']);
      expect([lossless(entry!, 'negativeBig').kind, lossless(entry!, 'negativeBig').text]).toEqual(['int', '-18446744073709551617']);
      expect(typeof entry!.ts).toBe('number');
    });

    test('stored entries hash unchanged', async () => {
      const store = context.store;
      const records = buildRecords(AWKWARD_TRAIL, 4, { fields: (i) => ({ detail: i % 2 === 0 ? awkwardDetail() : {} }) });
      await store.append(AWKWARD_TRAIL, records);

      const stored = await store.query({ trail: AWKWARD_TRAIL });
      expect(stored.map((entry) => hashEntry(entry))).toEqual(records.map((record) => record.entry.entryHash));
      expect(stored.map((entry) => entry.prevHash)).toEqual(records.map((record) => record.entry.prevHash));
    });
  });
}
