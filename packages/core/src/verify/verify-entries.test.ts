import { describe, expect, it } from 'vitest';
import { buildTrail, edit } from './fixtures.js';
import { verifyEntries } from './verify-entries.js';

const TRAIL = 'billing:actiongate@user:42';

describe('verifyEntries', () => {
  it('verifies entries given in any order', () => {
    const log = buildTrail(TRAIL, 5);
    const report = verifyEntries([log[3], log[0], log[4], log[2], log[1]]);

    expect(report.valid).toBe(true);
    expect(report.trails[0]!.lastSequence).toBe(4);
  });

  it('reports a duplicate wherever it sits', () => {
    const log = buildTrail(TRAIL, 3);
    const report = verifyEntries([log[1], log[0], log[2], log[1]]);

    expect(report.findings.map((finding) => [finding.kind, finding.sequence, finding.location])).toEqual([
      ['duplicate_sequence', 1, { index: 3 }],
    ]);
  });

  it('puts the caller locations in findings', () => {
    const log = buildTrail(TRAIL, 2);
    const tampered = [log[0], edit(log[1]!, { verdict: 'OVERRIDE' })];
    const report = verifyEntries(tampered, { locations: [{ file: 'export.json', line: 2 }, { file: 'export.json', line: 17 }] });

    expect(report.findings.map((finding) => [finding.kind, finding.location])).toEqual([
      ['hash_mismatch', { file: 'export.json', line: 17 }],
    ]);
  });

  it('takes malformed values after the entries', () => {
    const log = buildTrail(TRAIL, 2);
    const report = verifyEntries(['junk', log[1], log[0]]);

    expect(report.findings.map((finding) => [finding.kind, finding.location])).toEqual([['malformed', { index: 0 }]]);
  });

  it('rejects locations of the wrong length', () => {
    expect(() => verifyEntries(buildTrail(TRAIL, 2), { locations: [{ index: 0 }] })).toThrow(/expected 2 locations/);
  });

  it('reports an empty array', () => {
    expect(verifyEntries([]).findings.map((finding) => finding.kind)).toEqual(['empty']);
  });
});
