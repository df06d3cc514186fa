import { join } from 'node:path';
import { loadPublicKeys, verifyConsistencyProof, verifyInclusionProof } from '@auditgate/checkpoint';
import { canonicalJson, parseLosslessJson, type JsonObject } from '@auditgate/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointLines, keyPair, parseWires, rechain, recordCheckpointedLog, recordPrunedLog, wireLines, type CheckpointedLog } from '../testing/checkpointed-log.js';
import { BILLING, SEARCH, tempFiles } from '../testing/logs.js';
import { runCli } from '../testing/run-cli.js';

interface InclusionOutput {
  type: string;
  proof: { trail: string; sequence: number; tree_size: number; leaf_hash: string; hashes: string[] };
  checkpoint: { trail: string; tree_size: number; root: string };
  entry: JsonObject;
}

const files = tempFiles();
let log: CheckpointedLog;
let logFile: string;

beforeAll(async () => {
  log = await recordCheckpointedLog(files.dir, 'genuine');
  logFile = files.write('audit.jsonl', `${log.lines.join('\n')}\n`);
});

function prove(...flags: string[]) {
  return runCli(['prove', logFile, '--checkpoints', log.checkpointsFile, '--public-key', log.publicKey, ...flags]);
}

describe('prove --sequence', () => {
  it('builds an inclusion proof that verifies against the newest checkpoint', async () => {
    const result = await prove('--trail', BILLING, '--sequence', '3', '--json');
    const output = JSON.parse(result.stdout) as InclusionOutput;
    // The entry keeps Python's float spelling of ts, which its leaf hash covers.
    const entry = (parseLosslessJson(result.stdout) as { entry: JsonObject }).entry;
    const keyring = await loadPublicKeys([log.publicKey]);

    expect(result.status).toBe(0);
    expect(output.type).toBe('auditgate.inclusion_proof');
    expect(output.proof).toMatchObject({ trail: BILLING, sequence: 3, tree_size: 10 });
    expect(output.checkpoint).toMatchObject({ trail: BILLING, tree_size: 10 });
    expect(result.stdout).toContain('"ts":1700000007.0');
    expect(() => verifyInclusionProof(output.proof, output.checkpoint, keyring, { wire: entry })).not.toThrow();
  });

  it('prints the proof and its checkpoint as text', async () => {
    const result = await prove('--trail', SEARCH, '--sequence', '0');

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`entry 0 of trail ${SEARCH} (${logFile}:2) is leaf 0 of the tree of 6 entries`);
    expect(result.stdout).toContain(`checkpoint at ${log.checkpointsFile}:5: tree size 6, root `);
    expect(result.stdout).toContain('proof: 3 hashes, deepest first:');
    expect(result.stdout).toContain('VALID: the proof leads to the signed root');
  });

  it('rejects an entry after the newest checkpoint with ENTRY_NOT_COVERED', async () => {
    const forged = forgedTail(parseWires(log.lines));
    const path = files.write('forged.jsonl', wireLines(forged));
    const result = await runCli(['prove', path, '--checkpoints', log.checkpointsFile, '--public-key', log.publicKey, '--trail', BILLING, '--sequence', '10', '--json']);

    expect(JSON.parse(result.stdout)).toEqual({ error: { code: 'ENTRY_NOT_COVERED', message: expect.stringContaining(`entry 10 of trail ${BILLING} is not covered by any valid checkpoint`) } });
    expect(result.stderr).toContain('has tree size 10, so it covers entries 0 to 9');
    expect(result.status).toBe(1);
  });

  it('rejects an entry beyond the log with ENTRY_NOT_COVERED', async () => {
    const result = await prove('--trail', SEARCH, '--sequence', '6');

    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`auditgate prove: entry 6 of trail ${SEARCH} is not covered by any valid checkpoint`);
    expect(result.status).toBe(1);
  });

  it('rejects a trail without a valid checkpoint', async () => {
    const result = await prove('--trail', 'other:rulegate@global', '--sequence', '0', '--json');

    expect((JSON.parse(result.stdout) as { error: { code: string } }).error.code).toBe('NO_CHECKPOINT');
    expect(result.status).toBe(1);
  });

  it('rejects a newest tree size with two roots', async () => {
    const rewritten = await recordCheckpointedLog(files.dir, 'forked-newest', join(files.dir, 'checkpoint.key'), (input, i) => (i === 1 ? { ...input, reason: 'rewritten' } : input));
    const both = files.write('both-histories.jsonl', [...checkpointLines(log.checkpointsFile), ...checkpointLines(rewritten.checkpointsFile)].join('\n'));
    const result = await runCli(['prove', logFile, '--checkpoints', both, '--public-key', log.publicKey, '--trail', BILLING, '--sequence', '3']);

    expect(result.stderr).toContain(`trail ${BILLING} has valid checkpoints of tree size 10 with 2 different roots`);
    expect(result.status).toBe(1);
  });

  it('rejects a log that differs from what was signed', async () => {
    const wires = parseWires(log.lines);
    const index = wires.findIndex((wire) => wire.trail === BILLING && wire.sequence === 2);
    wires[index] = { ...wires[index]!, recorded_by: 'someone-else' };
    const path = files.write('edited.jsonl', wireLines(wires));
    const result = await runCli(['prove', path, '--checkpoints', log.checkpointsFile, '--public-key', log.publicKey, '--trail', BILLING, '--sequence', '3', '--json']);

    expect((JSON.parse(result.stdout) as { error: { code: string } }).error.code).toBe('PROOF_SOURCE_MISMATCH');
    expect(result.stderr).toContain("Run 'auditgate verify'");
    expect(result.status).toBe(1);
  });
});

describe('prove --consistency', () => {
  it('builds a consistency proof between two checkpoints', async () => {
    const result = await prove('--trail', BILLING, '--consistency', '4:8', '--json');
    const output = JSON.parse(result.stdout) as { type: string; proof: { size1: number; size2: number }; older: unknown; newer: unknown };
    const keyring = await loadPublicKeys([log.publicKey]);

    expect(result.status).toBe(0);
    expect(output.type).toBe('auditgate.consistency_proof');
    expect(output.proof).toMatchObject({ trail: BILLING, size1: 4, size2: 8 });
    expect(() => verifyConsistencyProof(output.proof, output.older, output.newer, keyring)).not.toThrow();
  });

  it('prints both checkpoints as text', async () => {
    const result = await prove('--trail', BILLING, '--consistency', '8:10');

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`the checkpoint of trail ${BILLING} at tree size 10 extends the one at tree size 8`);
    expect(result.stdout).toContain(`older: checkpoint at ${log.checkpointsFile}:3: tree size 8`);
  });

  it('names the sizes that exist when one is missing', async () => {
    const result = await prove('--trail', BILLING, '--consistency', '4:7');

    expect(result.stderr).toContain(`trail ${BILLING} has no valid checkpoint of tree size 7: its valid checkpoints have tree sizes 4, 8, 10`);
    expect(result.status).toBe(1);
  });
});

describe('prove usage', () => {
  it.each([
    [['--trail', BILLING], 'give exactly one of --sequence N'],
    [['--trail', BILLING, '--sequence', '1', '--consistency', '4:8'], 'give exactly one of --sequence N'],
    [['--sequence', '1'], 'missing --trail TRAIL'],
    [['--trail', 'no-colon', '--sequence', '1'], '--trail "no-colon" is not a trail'],
    [['--trail', BILLING, '--sequence', '1.5'], '--sequence "1.5" is not a whole number >= 0'],
    [['--trail', BILLING, '--consistency', '8:4'], 'SIZE1 is above SIZE2'],
    [['--trail', BILLING, '--consistency', '4'], 'is not SIZE1:SIZE2'],
  ])('rejects %j', async (flags, message) => {
    const result = await prove(...flags);

    expect(result.stderr).toContain(message);
    expect(result.status).toBe(2);
  });

  it('needs --checkpoints and --public-key', async () => {
    const withoutKey = await runCli(['prove', logFile, '--checkpoints', log.checkpointsFile, '--trail', BILLING, '--sequence', '1']);
    const withoutCheckpoints = await runCli(['prove', logFile, '--public-key', log.publicKey, '--trail', BILLING, '--sequence', '1']);

    expect(withoutKey.stderr).toContain('missing --public-key FILE');
    expect(withoutKey.status).toBe(2);
    expect(withoutCheckpoints.stderr).toContain('missing --checkpoints FILE');
    expect(withoutCheckpoints.status).toBe(2);
  });
});

describe('check-proof', () => {
  let inclusion: string;
  let consistency: string;

  beforeAll(async () => {
    inclusion = (await prove('--trail', BILLING, '--sequence', '5', '--json')).stdout;
    consistency = (await prove('--trail', BILLING, '--consistency', '4:10', '--json')).stdout;
  });

  function check(text: string, ...flags: string[]) {
    return runCli(['check-proof', files.write(`proof-${Math.random().toString(36).slice(2)}.json`, text), '--public-key', log.publicKey, ...flags]);
  }

  function failureCode(stdout: string): string {
    return (JSON.parse(stdout) as { failure: { code: string } }).failure.code;
  }

  it('accepts a saved inclusion proof', async () => {
    const result = await check(inclusion);

    expect(result.stdout).toContain(`VALID: entry 5 of trail ${BILLING} is leaf 5 of the tree of 10 entries`);
    expect(result.status).toBe(0);
  });

  it('accepts a saved consistency proof with --json', async () => {
    const result = await check(consistency, '--json');

    expect(JSON.parse(result.stdout)).toMatchObject({ valid: true, type: 'consistency', trail: BILLING, size1: 4, size2: 10 });
    expect(result.status).toBe(0);
  });

  it('reads the proof from stdin', async () => {
    const result = await runCli(['check-proof', '-', '--public-key', log.publicKey], { stdin: inclusion });

    expect(result.status).toBe(0);
  });

  it('rejects a changed proof hash', async () => {
    const changed = inclusion.replace(/"hashes":\["(.)/, (_match, digit: string) => `"hashes":["${digit === '0' ? '1' : '0'}`);
    const result = await check(changed, '--json');

    expect(changed).not.toBe(inclusion);

    expect(failureCode(result.stdout)).toBe('PROOF_INVALID');
    expect(result.status).toBe(1);
  });

  it('rejects a changed entry', async () => {
    const result = await check(inclusion.replace('"recorded_by":"cli-test"', '"recorded_by":"someone-else"'), '--json');

    expect(failureCode(result.stdout)).toBe('PROOF_LEAF_MISMATCH');
    expect(result.status).toBe(1);
  });

  // The entry carries its true values under the AuditEntry (camelCase) names and forged ones
  // under the wire names that a reader of the proof looks at.
  it('rejects an entry that also carries AuditEntry keys', async () => {
    const bundle = parseLosslessJson(inclusion) as JsonObject;
    const entry = bundle.entry as JsonObject;
    const forged: JsonObject = {
      ...entry,
      wallTs: entry.wall_ts!,
      gateType: entry.gate_type!,
      gateIdentity: entry.gate_identity!,
      recordedBy: entry.recorded_by!,
      schemaVersion: entry.schema_version!,
      entryHash: entry.entry_hash!,
      prevHash: entry.prev_hash!,
      wall_ts: '2020-01-01T00:00:00.000Z',
      gate_identity: 'billing:refund@someone_else',
      gate_type: 'budgetgate',
      recorded_by: 'auditor',
      schema_version: '9.9.9',
      entry_hash: '0'.repeat(64),
      prev_hash: null,
    };

    const result = await check(canonicalJson({ ...bundle, entry: forged }));

    expect(result.stdout).not.toContain('VALID');
    expect(result.stderr).toContain('the proof\'s entry has the key "entryHash", which is not a field of a wire entry');
    expect(result.status).toBe(2);
  });

  it('rejects an entry with an unknown key', async () => {
    const bundle = parseLosslessJson(inclusion) as JsonObject;
    const result = await check(canonicalJson({ ...bundle, entry: { ...(bundle.entry as JsonObject), note: 'added' } }));

    expect(result.stderr).toContain('"note"');
    expect(result.status).toBe(2);
  });

  it('rejects a checkpoint whose frontier was changed', async () => {
    const bundle = parseLosslessJson(inclusion) as JsonObject;
    const checkpoint = bundle.checkpoint as JsonObject;
    const frontier = (checkpoint.frontier as string[]).map(() => 'a'.repeat(64));
    const result = await check(canonicalJson({ ...bundle, checkpoint: { ...checkpoint, frontier } }), '--json');

    expect(failureCode(result.stdout)).toBe('FRONTIER_MISMATCH');
    expect(result.status).toBe(1);
  });

  it('rejects a checkpoint signed by a key not given', async () => {
    const other = await keyPair(join(files.dir, 'other.key'));
    const result = await runCli(['check-proof', files.write('other-key.json', inclusion), '--public-key', other.publicKey]);

    expect(result.stdout).toContain('INVALID: the checkpoint of trail');
    expect(result.stdout).toContain('which is not in the keyring');
    expect(result.status).toBe(1);
  });

  it('accepts a checkpoint found in --checkpoints', async () => {
    const result = await check(inclusion, '--checkpoints', log.checkpointsFile);

    expect(result.status).toBe(0);
  });

  it('rejects a checkpoint missing from --checkpoints', async () => {
    const withoutNewest = files.write('without-newest.jsonl', `${checkpointLines(log.checkpointsFile).filter((line) => !line.includes('"tree_size":10,')).join('\n')}\n`);
    const result = await check(inclusion, '--checkpoints', withoutNewest, '--json');

    expect(failureCode(result.stdout)).toBe('CHECKPOINT_NOT_PUBLISHED');
    expect(result.status).toBe(1);
  });

  it('rejects a checkpoint that forks from --checkpoints', async () => {
    const rewritten = await recordCheckpointedLog(files.dir, 'forked', join(files.dir, 'checkpoint.key'), (input, i) => (i === 1 ? { ...input, verdict: 'BLOCK', reason: 'rewritten' } : input));
    const forkedLog = files.write('forked.jsonl', `${rewritten.lines.join('\n')}\n`);
    const forkedProof = await runCli(['prove', forkedLog, '--checkpoints', rewritten.checkpointsFile, '--public-key', log.publicKey, '--trail', BILLING, '--sequence', '5', '--json']);

    const alone = await check(forkedProof.stdout);
    const againstGenuine = await check(forkedProof.stdout, '--checkpoints', log.checkpointsFile, '--json');

    expect(alone.status).toBe(0);
    expect(failureCode(againstGenuine.stdout)).toBe('FORK');
    expect(againstGenuine.status).toBe(1);
  });

  it.each([
    ['not JSON', 'proof', 'not valid JSON'],
    ['an unknown type', '{"type":"something"}', 'field type must be "auditgate.inclusion_proof"'],
    ['a missing field', '{"type":"auditgate.inclusion_proof","proof":{}}', 'field checkpoint is missing'],
  ])('rejects %s as unreadable', async (_case, text, message) => {
    const result = await check(text);

    expect(result.stderr).toContain(message);
    expect(result.status).toBe(2);
  });
});

function forgedTail(wires: JsonObject[]): JsonObject[] {
  const last = wires.filter((wire) => wire.trail === BILLING).at(-1)!;
  return rechain([...wires, { ...last, sequence: 10, reason: 'forged' }], BILLING);
}

describe('a pruned trail', () => {
  let pruned: Awaited<ReturnType<typeof recordPrunedLog>>;
  let prunedFile: string;

  beforeAll(async () => {
    pruned = await recordPrunedLog(files.dir);
    prunedFile = files.write('pruned.jsonl', `${pruned.lines.join('\n')}\n`);
  });

  function provePruned(...flags: string[]) {
    return runCli(['prove', prunedFile, '--checkpoints', pruned.checkpointsFile, '--public-key', pruned.publicKey, '--trail', BILLING, ...flags]);
  }

  it('verifies from its prune checkpoint', async () => {
    const result = await runCli(['verify', '--anchor', pruned.anchor, '--checkpoints', pruned.checkpointsFile, '--public-key', pruned.publicKey, prunedFile]);

    expect(pruned.lines).toHaveLength(6);
    expect(result.stdout).toContain(`${BILLING}: 6 entries, sequences 4-9, CHAIN, checkpoints verified up to tree size 10 (pruned before sequence 4 at a prune checkpoint): ok`);
    expect(result.status).toBe(0);
  });

  it('proves an entry that remains', async () => {
    const result = await provePruned('--sequence', '6', '--json');
    const proof = await runCli(['check-proof', '-', '--public-key', pruned.publicKey], { stdin: result.stdout });

    expect(result.status).toBe(0);
    expect(proof.status).toBe(0);
  });

  it('has no proof for a pruned entry', async () => {
    const result = await provePruned('--sequence', '2', '--json');

    expect((JSON.parse(result.stdout) as { error: { code: string } }).error.code).toBe('PROOF_ENTRIES_MISSING');
    expect(result.stderr).toContain(`entry 2 of trail ${BILLING} was pruned: the log's entries of the trail start at sequence 4 behind the prune checkpoint of tree size 4`);
    expect(result.stderr).not.toContain('options.checkpoints');
    expect(result.status).toBe(1);
  });

  it('proves consistency from the prune checkpoint', async () => {
    const result = await provePruned('--consistency', '4:10');

    expect(result.status).toBe(0);
  });
});
