import { describe, expect, it } from 'vitest';
import { hashWireEntry } from '../hash.js';
import type { JsonObject } from '../json/json-value.js';
import { parseLosslessJson } from '../json/parse.js';
import { serializeEntry } from '../wire.js';
import { entryFromWire } from '../wire.js';
import type { Finding } from './finding.js';
import { buildTrail, edit } from './fixtures.js';
import type { VerifiedEntry } from './options.js';
import type { VerifyReport } from './report.js';
import { Verifier } from './verifier.js';

const TRAIL = 'billing:actiongate@user:42';
const OTHER = 'search:rulegate@global';

/** Feeds values in the given order, the way a JSON Lines stream arrives. */
function stream(values: readonly unknown[], options: ConstructorParameters<typeof Verifier>[0] = {}): VerifyReport {
  const verifier = new Verifier(options);
  values.forEach((value, i) => verifier.add(value, { file: 'log.jsonl', line: i + 1 }));
  return verifier.finish();
}

function kinds(report: VerifyReport): string[] {
  return report.findings.map((finding) => `${finding.kind}@${finding.sequence}`);
}

function only(report: VerifyReport, kind: Finding['kind']): Finding {
  const matching = report.findings.filter((finding) => finding.kind === kind);
  expect(matching).toHaveLength(1);
  return matching[0]!;
}

describe('Verifier on intact logs', () => {
  it('accepts a chained trail and reports its position', () => {
    const log = buildTrail(TRAIL, 5);
    const report = stream(log);

    expect(report.valid).toBe(true);
    expect(report.findings).toEqual([]);
    expect(report.entryCount).toBe(5);
    expect(report.trailCount).toBe(1);
    expect(report.trails[0]).toEqual({
      trail: TRAIL,
      entries: 5,
      firstSequence: 0,
      lastSequence: 4,
      lastHash: log[4]!.entry_hash,
      integrity: 'CHAIN',
      findings: [],
    });
  });

  it('names the integrity of HASH and NONE trails', () => {
    const report = stream([...buildTrail(TRAIL, 3, { integrity: 'HASH' }), ...buildTrail(OTHER, 2, { integrity: 'NONE' })]);

    expect(report.valid).toBe(true);
    expect(report.trails.map((trail) => [trail.trail, trail.integrity, trail.lastHash])).toEqual([
      [TRAIL, 'HASH', report.trails[0]!.lastHash],
      [OTHER, 'NONE', null],
    ]);
    expect(report.trails[0]!.lastHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts interleaved trails', () => {
    const first = buildTrail(TRAIL, 3);
    const second = buildTrail(OTHER, 3);
    const report = stream([first[0], second[0], second[1], first[1], first[2], second[2]]);

    expect(report.valid).toBe(true);
    expect(report.trailCount).toBe(2);
  });

  it('accepts entries read back from serialized lines', () => {
    const lines = buildTrail(TRAIL, 4).map((wire) => serializeEntry(entryFromWire(wire)));
    const report = stream(lines.map((line) => parseLosslessJson(line)));

    expect(report.valid).toBe(true);
  });

  it('accepts an upgrade from NONE to HASH to CHAIN', () => {
    const none = buildTrail(TRAIL, 2, { integrity: 'NONE' });
    const hashed = buildTrail(TRAIL, 2, { integrity: 'HASH', start: 2, ts: 1_700_000_002 });
    const chained = buildTrail(TRAIL, 2, { start: 4, ts: 1_700_000_004, previousHash: hashed[1]!.entry_hash as string });
    const report = stream([...none, ...hashed, ...chained]);

    expect(kinds(report)).toEqual([]);
    expect(report.trails[0]!.integrity).toBe('CHAIN');
  });
});

describe('Verifier findings', () => {
  it('reports an edited hashed field as hash_mismatch', () => {
    const log = buildTrail(TRAIL, 4);
    log[2] = edit(log[2]!, { reason: 'approved' });
    const report = stream(log);

    expect(kinds(report)).toEqual(['hash_mismatch@2']);
    const finding = only(report, 'hash_mismatch');
    expect(finding.actual).toBe(log[2]!.entry_hash);
    expect(finding.expected).toBe(hashWireEntry(log[2]!));
    expect(finding.location).toEqual({ file: 'log.jsonl', line: 3 });
    expect(finding.trail).toBe(TRAIL);
  });

  it('reports a relinked entry as chain_break', () => {
    const log = buildTrail(TRAIL, 3);
    log[2] = edit(log[2]!, { prev_hash: 'ab'.repeat(32) }, true);
    const report = stream(log);

    expect(kinds(report)).toEqual(['chain_break@2']);
    const finding = only(report, 'chain_break');
    expect(finding.expected).toBe(log[1]!.entry_hash);
    expect(finding.actual).toBe('ab'.repeat(32));
    expect(finding.message).toContain('sequence 1');
  });

  it('reports the link after a rehashed entry as chain_break', () => {
    const log = buildTrail(TRAIL, 4);
    log[1] = edit(log[1]!, { verdict: 'ALLOW', reason: 'forged' }, true);
    const report = stream(log);

    expect(kinds(report)).toEqual(['chain_break@2']);
  });

  it('reports a deleted middle entry as a gap and a chain break', () => {
    const log = buildTrail(TRAIL, 5);
    log.splice(2, 1);
    const report = stream(log);

    expect(kinds(report)).toEqual(['sequence_gap@3', 'chain_break@3']);
    expect(only(report, 'sequence_gap').message).toBe('sequence 2 is missing before sequence 3');
  });

  it('names the range of several missing sequences', () => {
    const log = buildTrail(TRAIL, 6, { integrity: 'HASH' });
    const report = stream([log[0], log[1], log[5]]);

    expect(only(report, 'sequence_gap').message).toBe('sequences 2 to 4 are missing before sequence 5');
  });

  it('reports a repeated entry as duplicate_sequence', () => {
    const log = buildTrail(TRAIL, 3);
    const report = stream([log[0], log[1], log[1], log[2]]);

    expect(kinds(report)).toEqual(['duplicate_sequence@1']);
    expect(only(report, 'duplicate_sequence').message).toBe('sequence 1 appears twice');
    expect(report.trails[0]!.lastSequence).toBe(2);
  });

  it('reports an entry out of order in a stream', () => {
    const log = buildTrail(TRAIL, 4);
    const report = stream([log[0], log[2], log[1], log[3]]);

    expect(kinds(report)).toEqual(['sequence_gap@2', 'chain_break@2', 'duplicate_sequence@1']);
    expect(only(report, 'duplicate_sequence').message).toContain('arrives after sequence 2');
  });

  it('reports a missing first entry as bad_start', () => {
    const log = buildTrail(TRAIL, 3);
    const report = stream(log.slice(1));

    expect(kinds(report)).toEqual(['bad_start@1']);
    expect(report.trails[0]!.firstSequence).toBe(1);
  });

  it('reports a first entry with a prev_hash as bad_start', () => {
    const [first] = buildTrail(TRAIL, 1);
    const report = stream([edit(first!, { prev_hash: '0'.repeat(64) }, true)]);

    expect(kinds(report)).toEqual(['bad_start@0']);
    expect(only(report, 'bad_start').message).toContain('prev_hash');
  });

  it('reports stripped hashes as integrity_downgrade', () => {
    const log = buildTrail(TRAIL, 4, { integrity: 'HASH' });
    const stripped = [log[0], log[1], edit(log[2]!, { entry_hash: null }), edit(log[3]!, { entry_hash: null })];
    const report = stream(stripped);

    // Only the change of integrity is reported, not every unhashed entry after it.
    expect(kinds(report)).toEqual(['integrity_downgrade@2']);
    expect(report.trails[0]!.integrity).toBe('HASH');
  });

  it('reports an unchained entry in a chain as integrity_downgrade', () => {
    const log = buildTrail(TRAIL, 3);
    log[2] = edit(log[2]!, { prev_hash: null }, true);
    const report = stream(log);

    expect(kinds(report)).toEqual(['integrity_downgrade@2']);
    expect(only(report, 'integrity_downgrade').message).toContain('chained');
  });

  it('reports a prev_hash without entry_hash as integrity_downgrade', () => {
    const log = buildTrail(TRAIL, 3);
    log[2] = edit(log[2]!, { entry_hash: null });
    const report = stream(log);

    expect(kinds(report)).toEqual(['integrity_downgrade@2']);
  });

  it('reports a decreasing ts as ts_regression', () => {
    const log = buildTrail(TRAIL, 3, { integrity: 'HASH' });
    log[2] = edit(log[2]!, { ts: 1_600_000_000.5 }, true);
    const report = stream(log);

    expect(kinds(report)).toEqual(['ts_regression@2']);
    expect(only(report, 'ts_regression').message).toBe('ts 1600000000.5 is lower than ts 1700000001 of the entry before it');
  });

  it('reports an empty log', () => {
    const report = stream([]);

    expect(report.valid).toBe(false);
    expect(kinds(report)).toEqual(['empty@null']);
    expect(report.findings[0]!.location).toBeNull();
  });

  it('reports an empty source without a second empty finding', () => {
    const verifier = new Verifier();
    verifier.addEmptySource({ file: 'a.jsonl' });
    const report = verifier.finish();

    expect(report.findings).toEqual([
      { kind: 'empty', trail: null, sequence: null, location: { file: 'a.jsonl' }, message: 'the source contains no entries' },
    ]);
  });
});

describe('Verifier on malformed values', () => {
  const [good] = buildTrail(TRAIL, 1);
  const cases: Array<[string, unknown, string]> = [
    ['a number', 42, 'entry'],
    ['an array', [good], 'entry'],
    ['a missing field', edit(good!, { wall_ts: undefined as never }), 'wall_ts'],
    ['a bad verdict', edit(good!, { verdict: 'MAYBE' }), 'verdict'],
    ['an uppercase hash', edit(good!, { entry_hash: 'AB'.repeat(32) }), 'entry_hash'],
    ['a string sequence', edit(good!, { sequence: '0' }), 'sequence'],
    ['a detail array', edit(good!, { detail: [] }), 'detail'],
  ];

  it.each(cases)('reports %s', (_name, value, field) => {
    const report = stream([value]);
    const finding = only(report, 'malformed');

    expect(finding.field).toBe(field);
    expect(finding.location).toEqual({ file: 'log.jsonl', line: 1 });
    expect(finding.message.length).toBeGreaterThan(10);
  });

  it('keeps the trail position of a malformed entry', () => {
    const log: unknown[] = buildTrail(TRAIL, 4);
    log[1] = edit(log[1] as JsonObject, { severity: 'LOUD' });
    const report = stream(log);

    // The next entry links to an entry whose hash cannot be trusted, so no chain_break follows.
    expect(kinds(report)).toEqual(['malformed@1']);
    expect(report.trails[0]!.entries).toBe(4);
    expect(report.findings[0]!.trail).toBe(TRAIL);
  });
});

describe('Verifier options', () => {
  const log = buildTrail(TRAIL, 6);
  const anchor = { sequence: 2, entryHash: log[2]!.entry_hash as string, ts: 1_700_000_002 };

  it('accepts a pruned trail that continues its anchor', () => {
    const report = stream(log.slice(3), { anchors: new Map([[TRAIL, anchor]]) });

    expect(kinds(report)).toEqual([]);
    expect(report.trails[0]!.firstSequence).toBe(3);
  });

  it('reports a first entry that does not link to its anchor', () => {
    const wrong = { ...anchor, entryHash: 'cd'.repeat(32) };
    const report = stream(log.slice(3), { anchors: new Map([[TRAIL, wrong]]) });

    expect(kinds(report)).toEqual(['chain_break@3']);
    expect(only(report, 'chain_break').message).toContain('the anchor at sequence 2');
  });

  it('reports a pruned trail that skips past its anchor', () => {
    const report = stream(log.slice(4), { anchors: new Map([[TRAIL, anchor]]) });

    expect(kinds(report)).toEqual(['bad_start@4', 'chain_break@4']);
    expect(only(report, 'bad_start').message).toContain('must be 3');
  });

  it('calls onEntry with every entry in order', () => {
    const seen: VerifiedEntry[] = [];
    stream(log, { onEntry: (verified) => seen.push(verified) });

    expect(seen.map((verified) => verified.sequence)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(seen.map((verified) => verified.computedHash)).toEqual(log.map((wire) => wire.entry_hash));
    expect(seen[0]!.canonical.startsWith('{"detail":')).toBe(true);
    expect(seen.every((verified) => verified.inOrder && verified.findings.length === 0)).toBe(true);
  });

  it('keeps at most maxFindings findings but counts all', () => {
    const edited = log.map((wire) => edit(wire, { gate_type: 'forged' }));
    const streamed: Finding[] = [];
    const report = stream(edited, { maxFindings: 2, onFinding: (finding) => streamed.push(finding) });

    expect(report.findingCount).toBe(6);
    expect(report.findings).toHaveLength(2);
    expect(report.omittedFindings).toBe(4);
    expect(report.trails[0]!.findings).toHaveLength(2);
    expect(streamed).toHaveLength(6);
  });

  it('reports a fully stripped trail below the required integrity', () => {
    const stripped = log.map((wire) => edit(wire, { entry_hash: null, prev_hash: null }));

    expect(kinds(stream(stripped))).toEqual([]);
    const report = stream(stripped, { requiredIntegrity: 'CHAIN' });
    expect(kinds(report)).toEqual(['integrity_downgrade@0']);
    expect(report.findings[0]!.message).toBe('the entry has integrity NONE, below the required CHAIN');
  });

  it('reports a stripped tail once when CHAIN is required', () => {
    const stripped = [...log.slice(0, 4), ...log.slice(4).map((wire) => edit(wire, { entry_hash: null, prev_hash: null }))];

    expect(kinds(stream(stripped, { requiredIntegrity: 'CHAIN' }))).toEqual(['integrity_downgrade@4']);
  });

  it('counts a chain start as CHAIN for the required integrity', () => {
    expect(kinds(stream(log, { requiredIntegrity: 'CHAIN' }))).toEqual([]);
    expect(kinds(stream(log.slice(3), { requiredIntegrity: 'CHAIN', anchors: new Map([[TRAIL, anchor]]) }))).toEqual([]);
  });

  it('reports a HASH trail when CHAIN is required', () => {
    const hashed = buildTrail(TRAIL, 3, { integrity: 'HASH' });

    expect(kinds(stream(hashed, { requiredIntegrity: 'CHAIN' }))).toEqual(['integrity_downgrade@1']);
    expect(kinds(stream(hashed, { requiredIntegrity: 'HASH' }))).toEqual([]);
  });

  it('rejects an unknown required integrity', () => {
    expect(() => new Verifier({ requiredIntegrity: 'SOME' as never })).toThrow(/requiredIntegrity/);
  });

  it('rejects a negative maxFindings', () => {
    expect(() => new Verifier({ maxFindings: -1 })).toThrow(/maxFindings/);
  });

  it('rejects entries after finish', () => {
    const verifier = new Verifier();
    verifier.finish();

    expect(() => verifier.add(log[0])).toThrow(/already called/);
  });
});
