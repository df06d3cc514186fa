import { linkSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKPOINT_FINDING_KINDS } from '@auditgate/checkpoint';
import type { JsonObject } from '@auditgate/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkpointLines,
  parseWires,
  rechain,
  recordCheckpointedLog,
  recordRotatedLog,
  wireLines,
  type CheckpointedLog,
} from '../testing/checkpointed-log.js';
import { BILLING, SEARCH, tempFiles } from '../testing/logs.js';
import { runCli } from '../testing/run-cli.js';

interface JsonFinding {
  kind: string;
  trail: string | null;
  sequence: number | null;
  location: { file: string; line: number } | null;
  message: string;
}

interface JsonReport {
  valid: boolean;
  findingCount: number;
  findings: JsonFinding[];
  trails: Array<{ trail: string; entries: number; integrity: string | null; findings: JsonFinding[]; checkpoints: { count: number; latestTreeSize: number | null; verifiedTreeSize: number | null } }>;
  checkpoints: { files: string[]; keyIds: string[]; checkpointCount: number; findingCount: number; seen: { file: string; read: number; appended: number } | null };
}

const files = tempFiles();
let log: CheckpointedLog;
let wires: JsonObject[];

beforeAll(async () => {
  log = await recordCheckpointedLog(files.dir, 'genuine');
  wires = parseWires(log.lines);
});

async function verify(name: string, entries: readonly JsonObject[], ...flags: string[]) {
  const path = files.write(`${name}.jsonl`, wireLines(entries));
  const result = await runCli(['verify', '--json', '--checkpoints', log.checkpointsFile, '--public-key', log.publicKey, ...flags, path]);
  return { ...result, report: JSON.parse(result.stdout) as JsonReport };
}

const isCheckpointKind = (kind: string): boolean => (CHECKPOINT_FINDING_KINDS as readonly string[]).includes(kind);

/** Returns the checkpoint findings of a report, as `kind trail`. */
function checkpointKinds(report: JsonReport): string[] {
  return report.findings.filter((finding) => isCheckpointKind(finding.kind)).map((finding) => `${finding.kind} ${finding.trail ?? '-'}`);
}

/** Returns the hash-chain findings of a report, as `kind trail`. */
function chainKinds(report: JsonReport): string[] {
  return report.findings.filter((finding) => !isCheckpointKind(finding.kind)).map((finding) => `${finding.kind} ${finding.trail ?? '-'}`);
}

function at(entries: readonly JsonObject[], trail: string, sequence: number): number {
  const index = entries.findIndex((wire) => wire.trail === trail && wire.sequence === sequence);
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
}

function edited(entries: readonly JsonObject[], trail: string, sequence: number, change: JsonObject): JsonObject[] {
  const copy = [...entries];
  const index = at(copy, trail, sequence);
  copy[index] = { ...copy[index]!, ...change };
  return copy;
}

function without(entries: readonly JsonObject[], trail: string, sequence: number): JsonObject[] {
  const index = at(entries, trail, sequence);
  return [...entries.slice(0, index), ...entries.slice(index + 1)];
}

function forgedTail(entries: readonly JsonObject[], count: number): JsonObject[] {
  const last = entries[at(entries, BILLING, 9)]!;
  const forged = Array.from({ length: count }, (_unused, i) => ({ ...last, sequence: 10 + i, reason: 'forged' }));
  return rechain([...entries, ...forged], BILLING);
}

function swapped(entries: readonly JsonObject[], a: number, b: number): JsonObject[] {
  const copy = [...entries];
  [copy[a], copy[b]] = [copy[b]!, copy[a]!];
  return copy;
}

function duplicated(entries: readonly JsonObject[], trail: string, sequence: number): JsonObject[] {
  const index = at(entries, trail, sequence);
  return [...entries.slice(0, index + 1), entries[index]!, ...entries.slice(index + 1)];
}

// Moves BILLING's entry 5 into SEARCH, renumbers and rechains both trails, so that each chain
// is consistent again.
function movedToOtherTrail(entries: readonly JsonObject[]): JsonObject[] {
  const moved = { ...entries[at(entries, BILLING, 5)]!, trail: SEARCH };
  const rest = without(entries, BILLING, 5);
  rest.splice(at(rest, SEARCH, 2) + 1, 0, moved);
  const next = new Map<unknown, number>();
  const renumbered = rest.map((wire) => {
    const sequence = next.get(wire.trail) ?? 0;
    next.set(wire.trail, sequence + 1);
    return { ...wire, sequence };
  });
  return rechain(rechain(renumbered, BILLING), SEARCH);
}

describe('verify with checkpoints on a genuine log', () => {
  it('is valid and reports every trail as verified', async () => {
    const { status, report } = await verify('clean', wires);

    expect(report.findings).toEqual([]);
    expect(status).toBe(0);
    expect(report.valid).toBe(true);
    expect(report.trails.map((trail) => [trail.trail, trail.entries, trail.checkpoints.latestTreeSize, trail.checkpoints.verifiedTreeSize])).toEqual([
      [BILLING, 10, 10, 10],
      [SEARCH, 6, 6, 6],
    ]);
    expect(report.checkpoints.checkpointCount).toBe(5);
    expect(report.checkpoints.files).toEqual([log.checkpointsFile]);
  });

  it('prints the checkpoint reach of each trail', async () => {
    const path = files.write('clean-text.jsonl', wireLines(wires));
    const result = await runCli(['verify', '--checkpoints', log.checkpointsFile, '--public-key', log.publicKey, path]);

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${BILLING}: 10 entries, sequences 0-9, CHAIN, checkpoints verified up to tree size 10: ok`);
    expect(result.stdout).toContain(`${SEARCH}: 6 entries, sequences 0-5, CHAIN, checkpoints verified up to tree size 6: ok`);
    expect(result.stdout).toContain('VALID: 16 entries in 2 trails from 1 file, against 5 checkpoints from 1 file');
  });

  it('verifies a JSON array export in sequence order', async () => {
    const reversed = [...wires].reverse();
    const path = files.write('clean-array.json', `[\n${reversed.map((wire) => wireLines([wire]).trim()).join(',\n')}\n]\n`);
    const result = await runCli(['verify', '--checkpoints', log.checkpointsFile, '--public-key', log.publicKey, path]);

    expect(result.stdout).toContain('VALID');
    expect(result.status).toBe(0);
  });

  it('is unanchored against an empty checkpoints file', async () => {
    const empty = files.write('no-checkpoints.jsonl', '');
    const path = files.write('clean-unanchored.jsonl', wireLines(wires));
    const result = await runCli(['verify', '--json', '--checkpoints', empty, '--public-key', log.publicKey, path]);
    const report = JSON.parse(result.stdout) as JsonReport;

    expect(result.status).toBe(1);
    expect(checkpointKinds(report)).toEqual([`unanchored ${BILLING}`, `unanchored ${SEARCH}`]);
    expect(chainKinds(report)).toEqual([]);
  });
});

// Each case is a change that someone with write access to the log can make without the key.
// The chain column shows what the hash chain alone reports: several cases pass it unnoticed.
const tampering: Array<[string, (entries: JsonObject[]) => JsonObject[], string[], string[]]> = [
  ['edit of a hashed field', (w) => edited(w, BILLING, 5, { detail: { index: 5, amount: 1000 } }), [`root_mismatch ${BILLING}`], [`hash_mismatch ${BILLING}`]],
  ['edit of wall_ts', (w) => edited(w, BILLING, 2, { wall_ts: '2020-01-01T00:00:00.000000+00:00' }), [`root_mismatch ${BILLING}`], []],
  ['edit of recorded_by', (w) => edited(w, BILLING, 9, { recorded_by: 'someone-else' }), [`root_mismatch ${BILLING}`], []],
  ['edit of schema_version', (w) => edited(w, SEARCH, 0, { schema_version: '0.0.1' }), [`root_mismatch ${SEARCH}`], []],
  ['edit with a recomputed chain', (w) => rechain(edited(w, BILLING, 1, { verdict: 'OVERRIDE', reason: 'manual' }), BILLING), [`root_mismatch ${BILLING}`], []],
  ['deletion at the head', (w) => without(w, BILLING, 0), [`missing_entries ${BILLING}`], [`bad_start ${BILLING}`]],
  ['deletion in the middle', (w) => without(w, BILLING, 5), [`missing_entries ${BILLING}`], [`sequence_gap ${BILLING}`, `chain_break ${BILLING}`]],
  ['deletion at the tail', (w) => without(w, BILLING, 9), [`missing_entries ${BILLING}`], []],
  ['deletion of a whole trail', (w) => w.filter((wire) => wire.trail !== SEARCH), [`missing_trail ${SEARCH}`], []],
  ['stripped hashes', (w) => w.map((wire) => ({ ...wire, entry_hash: null, prev_hash: null })), [`root_mismatch ${BILLING}`, `root_mismatch ${SEARCH}`], []],
  ['reordered lines', (w) => swapped(w, at(w, BILLING, 3), at(w, BILLING, 4)), [`root_mismatch ${BILLING}`], [`sequence_gap ${BILLING}`, `chain_break ${BILLING}`, `duplicate_sequence ${BILLING}`]],
  ['duplicated entry', (w) => duplicated(w, BILLING, 2), [`root_mismatch ${BILLING}`], [`duplicate_sequence ${BILLING}`]],
  ['entry moved to another trail', movedToOtherTrail, [`root_mismatch ${BILLING}`, `missing_entries ${BILLING}`, `root_mismatch ${SEARCH}`, `unanchored ${SEARCH}`], [`ts_regression ${SEARCH}`]],
];

describe('verify with checkpoints on a tampered log', () => {
  it.each(tampering)('%s', async (name, tamper, checkpointFindings, chainFindings) => {
    const { status, report } = await verify(name.replace(/ /g, '-'), tamper(wires));

    expect(checkpointKinds(report)).toEqual(checkpointFindings);
    expect(chainKinds(report)).toEqual(chainFindings);
    expect(report.valid).toBe(false);
    expect(status).toBe(1);
  });

  it('forged entries after the last checkpoint are unanchored', async () => {
    const { status, report } = await verify('forged-tail', forgedTail(wires, 2));

    expect(checkpointKinds(report)).toEqual([`unanchored ${BILLING}`]);
    expect(chainKinds(report)).toEqual([]);
    expect(report.findings[0]?.message).toContain('2 entries of trail');
    expect(report.findings[0]?.location?.line).toBe(17);
    expect(status).toBe(1);
  });

  it('groups findings of both kinds under their trail', async () => {
    const { report } = await verify('grouped', edited(wires, BILLING, 5, { detail: { index: 5, amount: 1000 } }));
    const billing = report.trails.find((trail) => trail.trail === BILLING)!;

    expect(billing.findings.map((finding) => finding.kind)).toEqual(['hash_mismatch', 'root_mismatch']);
    expect(billing.checkpoints.verifiedTreeSize).toBe(4);
    expect(report.findingCount).toBe(2);
  });

  it('lists a deleted trail with its checkpoints in text', async () => {
    const path = files.write('deleted-trail.jsonl', wireLines(wires.filter((wire) => wire.trail !== SEARCH)));
    const result = await runCli(['verify', '--checkpoints', log.checkpointsFile, '--public-key', log.publicKey, path]);

    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`${SEARCH}: 0 entries, checkpoints up to tree size 6, none verified: 1 finding`);
    expect(result.stdout).toContain(`missing_trail: trail ${SEARCH} has 2 valid checkpoints up to tree size 6`);
    expect(result.stdout).toContain('INVALID: 1 finding; 10 entries in 2 trails from 1 file');
  });

  it('reports stripped hashes as a downgrade too with --require-integrity', async () => {
    const stripped = wires.map((wire) => ({ ...wire, entry_hash: null, prev_hash: null }));
    const { report } = await verify('stripped-required', stripped, '--require-integrity', 'CHAIN');

    expect(chainKinds(report)).toEqual([`integrity_downgrade ${BILLING}`, `integrity_downgrade ${SEARCH}`]);
  });

  it('limits the merged findings with --max-findings', async () => {
    const { report } = await verify('limited', without(wires, BILLING, 5), '--max-findings', '2');

    expect(report.findings).toHaveLength(2);
    expect(report.findingCount).toBe(3);
  });
});

describe('verify with key rotation', () => {
  let rotated: Awaited<ReturnType<typeof recordRotatedLog>>;
  let path: string;

  beforeAll(async () => {
    rotated = await recordRotatedLog(files.dir, 5);
    path = files.write('rotated.jsonl', rotated.lines.join('\n'));
  });

  async function verifyRotated(...keys: string[]) {
    const keyFlags = keys.flatMap((key) => ['--public-key', key]);
    const result = await runCli(['verify', '--json', '--checkpoints', rotated.checkpointsFile, ...keyFlags, path]);
    return { status: result.status, report: JSON.parse(result.stdout) as JsonReport };
  }

  it('is valid with the old and the new public key', async () => {
    const { status, report } = await verifyRotated(rotated.oldKey, rotated.newKey);

    expect(report.findings).toEqual([]);
    expect(report.checkpoints.keyIds).toHaveLength(2);
    expect(status).toBe(0);
  });

  it('reports the old checkpoints as unknown_key with only the new key', async () => {
    const { status, report } = await verifyRotated(rotated.newKey);

    expect(checkpointKinds(report)).toEqual([`unknown_key ${BILLING}`]);
    expect(status).toBe(1);
  });

  it('leaves the new entries unanchored with only the old key', async () => {
    const { status, report } = await verifyRotated(rotated.oldKey);

    expect(checkpointKinds(report)).toEqual([`unknown_key ${BILLING}`, `unanchored ${BILLING}`]);
    expect(status).toBe(1);
  });
});

describe('verify --seen', () => {
  it('creates the seen file and appends only new checkpoints', async () => {
    const seen = join(files.dir, 'first.seen');

    const first = await verify('seen-first', wires, '--seen', seen);
    const second = await verify('seen-second', wires, '--seen', seen);

    expect(first.status).toBe(0);
    expect(first.report.checkpoints.seen).toEqual({ file: seen, read: 0, appended: 2 });
    expect(checkpointLines(seen).map((line) => (JSON.parse(line) as { tree_size: number }).tree_size)).toEqual([10, 6]);
    expect(second.status).toBe(0);
    expect(second.report.checkpoints.seen).toEqual({ file: seen, read: 2, appended: 0 });
  });

  it('catches a rolled-back log and checkpoints file', async () => {
    const seen = join(files.dir, 'rollback.seen');
    await verify('seen-before-rollback', wires, '--seen', seen);

    // The attacker cut BILLING's last two entries and the checkpoint that covered them, so
    // the log and its checkpoints file agree again at tree size 8.
    const rolledBack = wires.filter((wire) => !(wire.trail === BILLING && (wire.sequence as number) >= 8));
    const keptCheckpoints = checkpointLines(log.checkpointsFile).filter((line) => !(line.includes(BILLING) && line.includes('"tree_size":10,')));
    const checkpointsFile = files.write('rolled-back-checkpoints.jsonl', `${keptCheckpoints.join('\n')}\n`);
    const path = files.write('rolled-back.jsonl', wireLines(rolledBack));
    const run = async (...flags: string[]) => {
      const result = await runCli(['verify', '--json', '--checkpoints', checkpointsFile, '--public-key', log.publicKey, ...flags, path]);
      return { status: result.status, report: JSON.parse(result.stdout) as JsonReport };
    };

    const unseen = await run();
    const withSeen = await run('--seen', seen);

    expect(unseen.report.findings).toEqual([]);
    expect(unseen.status).toBe(0);
    expect(checkpointKinds(withSeen.report)).toEqual([`checkpoint_regression ${BILLING}`, `missing_entries ${BILLING}`]);
    expect(withSeen.status).toBe(1);
  });

  it('catches a history re-signed with the same key as a fork', async () => {
    const seen = join(files.dir, 'fork.seen');
    await verify('seen-before-fork', wires, '--seen', seen);
    const rewritten = await recordCheckpointedLog(files.dir, 'rewritten', join(files.dir, 'checkpoint.key'), (input, i) =>
      i === 1 ? { ...input, verdict: 'BLOCK', reason: 'rewritten' } : input,
    );
    const path = files.write('rewritten.jsonl', `${rewritten.lines.join('\n')}\n`);
    const run = async (...flags: string[]) => {
      const result = await runCli(['verify', '--json', '--checkpoints', rewritten.checkpointsFile, '--public-key', log.publicKey, ...flags, path]);
      return { status: result.status, report: JSON.parse(result.stdout) as JsonReport };
    };

    const unseen = await run();
    const withSeen = await run('--seen', seen);

    expect(unseen.status).toBe(0);
    expect(checkpointKinds(withSeen.report)).toEqual([`fork ${BILLING}`]);
    expect(withSeen.report.findings[0]?.message).toContain('at tree size 10 with 2 different roots');
    expect(withSeen.status).toBe(1);
  });
});

describe('verify checkpoint flags', () => {
  it.each([
    [['--checkpoints', 'c.jsonl'], '--checkpoints needs --public-key FILE'],
    [['--public-key', 'k.pub'], '--public-key needs --checkpoints FILE'],
    [['--seen', 'seen.jsonl'], '--seen needs --checkpoints FILE and --public-key FILE'],
    [['--checkpoints', 'c.jsonl', '--public-key', 'k.pub', '--seen', './c.jsonl'], 'is the same file as --checkpoints c.jsonl'],
  ])('rejects %j', async (flags, message) => {
    const result = await runCli(['verify', ...flags, 'log.jsonl'], { cwd: files.dir });

    expect(result.stderr).toContain(message);
    expect(result.status).toBe(2);
  });

  it('rejects a missing checkpoints file', async () => {
    const path = files.write('for-missing.jsonl', wireLines(wires));
    const result = await runCli(['verify', '--checkpoints', 'nowhere.jsonl', '--public-key', log.publicKey, path], { cwd: files.dir });

    expect(result.stderr).toContain('--checkpoints nowhere.jsonl: file not found. Without its checkpoints the log cannot be checked against them');
    expect(result.stderr).toContain('every entry would be unanchored');
    expect(result.status).toBe(2);
  });

  it.each(['symbolic', 'hard'])('rejects a seen file that is a %s link to a checkpoints file', async (kind) => {
    const link = join(files.dir, `seen-${kind}-link.jsonl`);
    if (kind === 'symbolic') symlinkSync(log.checkpointsFile, link);
    else linkSync(log.checkpointsFile, link);
    const before = readFileSync(log.checkpointsFile, 'utf8');
    const path = files.write(`for-${kind}-link.jsonl`, wireLines(wires));

    const result = await runCli(['verify', '--checkpoints', log.checkpointsFile, '--public-key', log.publicKey, '--seen', link, path]);

    expect(result.stderr).toContain(`--seen ${link} is the same file as --checkpoints ${log.checkpointsFile}`);
    expect(result.status).toBe(2);
    expect(readFileSync(log.checkpointsFile, 'utf8')).toBe(before);
  });

  it('rejects a seen file in a linked directory', async () => {
    const linkedDir = join(files.dir, 'linked-dir');
    symlinkSync(files.dir, linkedDir);
    const seen = join(linkedDir, 'not-yet.jsonl');
    const path = files.write('for-linked-dir.jsonl', wireLines(wires));

    const result = await runCli(['verify', '--checkpoints', join(files.dir, 'not-yet.jsonl'), '--public-key', log.publicKey, '--seen', seen, path]);

    expect(result.stderr).toContain('is the same file as --checkpoints');
    expect(result.status).toBe(2);
  });

  it('rejects a private key given as --public-key', async () => {
    const path = files.write('for-private.jsonl', wireLines(wires));
    const result = await runCli(['verify', '--json', '--checkpoints', log.checkpointsFile, '--public-key', log.privateKey, path]);

    expect(JSON.parse(result.stdout)).toEqual({ error: { code: 'KEY_INVALID', message: expect.stringContaining('contains a private key') } });
    expect(result.status).toBe(2);
  });

  it('names a torn last checkpoint line', async () => {
    const checkpointsFile = join(files.dir, 'torn.jsonl');
    writeFileSync(checkpointsFile, `${checkpointLines(log.checkpointsFile).join('\n')}\n{"frontier":["ab`);
    const path = files.write('for-torn.jsonl', wireLines(wires));
    const result = await runCli(['verify', '--checkpoints', checkpointsFile, '--public-key', log.publicKey, path]);

    expect(result.stdout).toContain(`${checkpointsFile}:6: malformed_checkpoint: checkpoint at ${checkpointsFile}:6 is not JSON: `);
    expect(result.stdout).toContain('The line is the last one and has no line break');
    expect(result.status).toBe(1);
  });

  it('reports a malformed checkpoint line outside any trail', async () => {
    const checkpointsFile = join(files.dir, 'with-garbage.jsonl');
    writeFileSync(checkpointsFile, `${checkpointLines(log.checkpointsFile).join('\n')}\nnot json\n`);
    const path = files.write('for-garbage.jsonl', wireLines(wires));
    const result = await runCli(['verify', '--checkpoints', checkpointsFile, '--public-key', log.publicKey, path]);

    expect(result.stdout).toContain(`findings outside any trail:\n  ${checkpointsFile}:6: malformed_checkpoint:`);
    expect(result.status).toBe(1);
  });
});
