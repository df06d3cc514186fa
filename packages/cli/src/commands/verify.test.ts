import { canonicalJson, parseLosslessJson, serializeEntry, type AuditEntry, type JsonObject } from '@auditgate/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BILLING, SEARCH, recordLog, tempFiles, toJsonArray, toJsonLines } from '../testing/logs.js';
import { runCli } from '../testing/run-cli.js';

let log: AuditEntry[];
const files = tempFiles();

beforeAll(async () => {
  log = await recordLog(4);
});

/** Returns the entries of one trail, in sequence order. */
function trail(name: string): AuditEntry[] {
  return log.filter((entry) => entry.trail === name);
}

/** Serializes entries to JSON Lines after applying `change` to the serialized objects. */
function linesWith(entries: readonly AuditEntry[], change: (wire: JsonObject, index: number) => JsonObject | null = (wire) => wire): string {
  return entries
    .map((entry, index) => change(parseLosslessJson(serializeEntry(entry)) as JsonObject, index))
    .filter((wire): wire is JsonObject => wire !== null)
    .map((wire) => canonicalJson(wire))
    .join('\n');
}

async function verifyText(name: string, text: string, ...flags: string[]) {
  return runCli(['verify', ...flags, files.write(name, text)]);
}

async function verifyJson(name: string, text: string, ...flags: string[]) {
  const result = await verifyText(name, text, '--json', ...flags);
  return { ...result, report: JSON.parse(result.stdout) as { valid: boolean; entryCount: number; trailCount: number; findings: Array<{ kind: string; trail: string | null; sequence: number | null; location: { file: string; line: number } | null }>; trails: Array<{ trail: string; findings: unknown[] }> } };
}

describe('verify on intact logs', () => {
  it('accepts JSON Lines with a summary per trail', async () => {
    const result = await verifyText('intact.jsonl', toJsonLines(log));

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${BILLING}: 4 entries, sequences 0-3, CHAIN: ok`);
    expect(result.stdout).toContain(`${SEARCH}: 4 entries, sequences 0-3, CHAIN: ok`);
    expect(result.stdout).toContain('VALID: 8 entries in 2 trails from 1 file');
    expect(result.stderr).toBe('');
  });

  it('accepts a pretty-printed JSON array', async () => {
    const result = await verifyText('intact.json', toJsonArray(log));

    expect(result.status).toBe(0);
  });

  it('accepts a single entry object', async () => {
    const result = await verifyText('one.json', JSON.stringify(JSON.parse(serializeEntry(log[0]!)), null, 2));

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('VALID: 1 entry in 1 trail');
  });

  it('detects JSON Lines by content, not by extension', async () => {
    const result = await verifyJson('lines.json', toJsonLines(log));

    expect(result.status).toBe(0);
    expect(result.report.entryCount).toBe(8);
  });

  it('reads the parts of one log in order', async () => {
    const first = files.write('part-1.jsonl', toJsonLines(log.slice(0, 5)));
    const second = files.write('part-2.jsonl', toJsonLines(log.slice(5)));
    const result = await runCli(['verify', first, second]);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('from 2 files');
  });

  it('reads stdin for -', async () => {
    const result = await runCli(['verify', '-'], { stdin: toJsonLines(log) });

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('VALID: 8 entries in 2 trails from 1 file');
  });

  it('names stdin in findings', async () => {
    const result = await runCli(['verify', '-'], { stdin: toJsonLines([log[0]!, log[0]!]) });

    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`stdin:2: trail ${BILLING}, sequence 0: duplicate_sequence: sequence 0 appears twice`);
  });

  it('prints one machine-readable report with --json', async () => {
    const { status, report } = await verifyJson('report.jsonl', toJsonLines(log));

    expect(status).toBe(0);
    expect(report.valid).toBe(true);
    expect(report.entryCount).toBe(8);
    expect(report.trailCount).toBe(2);
    expect(report.trails.map((entry) => entry.trail)).toEqual([BILLING, SEARCH]);
    expect(report.findings).toEqual([]);
  });
});

describe('verify on tampered logs', () => {
  it('reports an edited hashed field with file, line, trail and sequence', async () => {
    const text = linesWith(log, (wire, i) => (i === 2 ? { ...wire, verdict: 'ALLOW', reason: null } : wire));
    const path = files.write('edited.jsonl', text);
    const result = await runCli(['verify', path]);

    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${path}:3: trail ${BILLING}, sequence 1: hash_mismatch: entry_hash is ${log[2]!.entryHash}`);
    expect(result.stdout).toContain('INVALID: 1 finding; 8 entries in 2 trails from 1 file');
  });

  it('reports a deleted first entry as bad_start', async () => {
    const { status, report } = await verifyJson('first-deleted.jsonl', toJsonLines(log.filter((entry) => entry !== trail(BILLING)[0])));

    expect(status).toBe(1);
    expect(report.findings.map((finding) => [finding.kind, finding.trail, finding.sequence])).toEqual([['bad_start', BILLING, 1]]);
  });

  it('reports a deleted middle entry as a gap and a chain break', async () => {
    const { report } = await verifyJson('middle-deleted.jsonl', toJsonLines(log.filter((entry) => entry !== trail(SEARCH)[1])));

    expect(report.findings.map((finding) => [finding.kind, finding.sequence])).toEqual([
      ['sequence_gap', 2],
      ['chain_break', 2],
    ]);
  });

  it('reports a duplicated line', async () => {
    const { report } = await verifyJson('duplicated.jsonl', toJsonLines([...log, log[6]!]));

    expect(report.findings.map((finding) => [finding.kind, finding.trail, finding.sequence, finding.location?.line])).toEqual([
      ['duplicate_sequence', BILLING, 3, 9],
    ]);
  });

  it('reports reordered lines in JSON Lines', async () => {
    const reordered = [log[0]!, log[4]!, log[2]!, ...log.slice(5), log[1]!, log[3]!];
    const { status, report } = await verifyJson('reordered.jsonl', toJsonLines(reordered));

    expect(status).toBe(1);
    expect(report.findings.map((finding) => finding.kind)).toContain('duplicate_sequence');
  });

  it('accepts reordered elements of a JSON array, whose order carries no meaning', async () => {
    const { status } = await verifyJson('reordered.json', toJsonArray([...log].reverse()));

    expect(status).toBe(0);
  });

  it('reports stripped hashes at the end of a trail as integrity_downgrade', async () => {
    const text = linesWith(log, (wire) => (wire.trail === SEARCH && (wire.sequence as number) >= 2 ? { ...wire, entry_hash: null, prev_hash: null } : wire));
    const { report } = await verifyJson('stripped-tail.jsonl', text);

    expect(report.findings.map((finding) => [finding.kind, finding.trail, finding.sequence])).toEqual([['integrity_downgrade', SEARCH, 2]]);
  });

  it('reports a fully stripped trail only when an integrity is required', async () => {
    const text = linesWith(log, (wire) => (wire.trail === SEARCH ? { ...wire, entry_hash: null, prev_hash: null } : wire));

    expect((await verifyJson('stripped.jsonl', text)).status).toBe(0);
    const required = await verifyJson('stripped.jsonl', text, '--require-integrity', 'CHAIN');
    expect(required.status).toBe(1);
    expect(required.report.findings.map((finding) => [finding.kind, finding.trail, finding.sequence])).toEqual([['integrity_downgrade', SEARCH, 0]]);
  });

  it('reports an empty file as empty', async () => {
    const result = await verifyText('empty.jsonl', '\n\n');

    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/empty\.jsonl: empty: the source contains no entries/);
  });

  it('reports an empty array as empty', async () => {
    const { status, report } = await verifyJson('empty.json', '[]');

    expect(status).toBe(1);
    expect(report.findings.map((finding) => finding.kind)).toEqual(['empty']);
  });

  it('reports an entry that is not an object as malformed', async () => {
    const { report } = await verifyJson('not-object.jsonl', `${toJsonLines(log)}42\n`);

    expect(report.findings.map((finding) => [finding.kind, finding.location?.line])).toEqual([['malformed', 9]]);
  });
});

// These tampers cannot be caught from the log alone; checkpoints (signed Merkle roots kept
// elsewhere) are what catches them. The tests pin the limit down so that it stays documented.
describe('verify limits without checkpoints', () => {
  it('accepts a truncated tail', async () => {
    expect((await verifyText('truncated.jsonl', toJsonLines(log.slice(0, 6)))).status).toBe(0);
  });

  it('accepts a chain rehashed after an edit', async () => {
    const { hashWireEntry } = await import('@auditgate/core');
    let previous: string | null = null;
    const text = linesWith(trail(BILLING), (wire, i) => {
      const edited: JsonObject = { ...wire, reason: i === 1 ? 'forged' : (wire.reason ?? null), prev_hash: i === 0 ? null : previous };
      edited.entry_hash = hashWireEntry(edited);
      previous = edited.entry_hash;
      return edited;
    });

    expect((await verifyText('rehashed.jsonl', text)).status).toBe(0);
  });

  it('accepts edits of fields outside the hash', async () => {
    const text = linesWith(log, (wire, i) => (i === 0 ? { ...wire, wall_ts: '1999-01-01T00:00:00+00:00', recorded_by: 'someone' } : wire));

    expect((await verifyText('outside-hash.jsonl', text)).status).toBe(0);
  });
});
