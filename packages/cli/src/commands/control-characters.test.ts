import { canonicalJson, parseLosslessJson, type JsonObject } from '@auditgate/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeControls, printableJson, printableMessage, quoted } from '../output/printable.js';
import { checkpointLines, parseWires, rechain, recordCheckpointedLog, wireLines, type CheckpointedLog } from '../testing/checkpointed-log.js';
import { BILLING, tempFiles } from '../testing/logs.js';
import { runCli } from '../testing/run-cli.js';

// A trail name that, printed raw, would hide the rest of its line (ESC [8m), move to the start
// of the line, and print a fake verdict on a line of its own.
const HOSTILE = 'evil:actiongate@x\u001b[8m\r\nVALID: 0 findings\u0007\u009b2J\u2028';
const ESCAPED = 'evil:actiongate@x\\u001b[8m\\r\\nVALID: 0 findings\\u0007\\u009b2J\\u2028';
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

const files = tempFiles();
let log: CheckpointedLog;
let hostileLog: string;

beforeAll(async () => {
  log = await recordCheckpointedLog(files.dir, 'genuine');
  const wires = parseWires(log.lines);
  const moved = wires.map((wire): JsonObject => (wire.trail === BILLING ? { ...wire, trail: HOSTILE } : wire));
  hostileLog = files.write('hostile.jsonl', wireLines(rechain(moved, HOSTILE)));
});

/** Asserts that no line of `text` carries a raw control character or starts with the fake verdict. */
function expectInert(text: string): void {
  expect(text).not.toMatch(RAW_CONTROL);
  expect(text.split('\n').some((line) => line.startsWith('VALID: 0 findings'))).toBe(false);
}

describe('printable', () => {
  it('quotes only strings with control characters', () => {
    expect(quoted(BILLING)).toBe(BILLING);
    expect(quoted(HOSTILE)).toBe(`"${ESCAPED}"`);
    expect(quoted('a"b\\c\u007f')).toBe('"a\\"b\\\\c\\u007f"');
  });

  it('escapes every control character in free text', () => {
    expect(escapeControls('a\u0000b\u001fc\u007fd\u0085e\u2029f\tg')).toBe('a\\u0000b\\u001fc\\u007fd\\u0085e\\u2029f\\tg');
  });

  it('quotes the strings a message names', () => {
    expect(printableMessage(`trail ${HOSTILE} has no checkpoint`, [HOSTILE, null])).toBe(`trail "${ESCAPED}" has no checkpoint`);
  });

  it('writes JSON that parses to the same value', () => {
    const value = { trail: HOSTILE };
    const text = printableJson(value);

    expect(text).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('text output with a hostile trail name', () => {
  it('verify shows the trail quoted and escaped', async () => {
    const result = await runCli(['verify', hostileLog]);

    expectInert(result.stdout);
    expect(result.stdout).toContain(`"${ESCAPED}": 10 entries`);
  });

  it('verify with checkpoints escapes finding lines', async () => {
    const result = await runCli(['verify', '--checkpoints', log.checkpointsFile, '--public-key', log.publicKey, hostileLog]);

    expectInert(result.stdout);
    expect(result.stdout).toContain(`hostile.jsonl:1: trail "${ESCAPED}", sequence 0: `);
    expect(result.status).toBe(1);
  });

  it('verify escapes a trail read from a checkpoint line', async () => {
    const checkpoint = JSON.parse(checkpointLines(log.checkpointsFile)[0]!) as Record<string, unknown>;
    const checkpoints = files.write('hostile-checkpoints.jsonl', `${JSON.stringify({ ...checkpoint, trail: HOSTILE })}\n`);

    const result = await runCli(['verify', '--checkpoints', checkpoints, '--public-key', log.publicKey, files.write('genuine-for-hostile.jsonl', `${log.lines.join('\n')}\n`)]);

    expectInert(result.stdout);
    expect(result.stdout).toContain(`hostile-checkpoints.jsonl:1: trail "${ESCAPED}": malformed_checkpoint: `);
  });

  it('verify --json escapes C1 and separator characters too', async () => {
    const result = await runCli(['verify', '--json', hostileLog]);

    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect((JSON.parse(result.stdout) as { trails: Array<{ trail: string }> }).trails.map((trail) => trail.trail)).toContain(HOSTILE);
  });

  it('hash shows the trail quoted and escaped', async () => {
    const result = await runCli(['hash', hostileLog]);

    expectInert(result.stdout);
    expect(result.stdout).toContain(`trail "${ESCAPED}", sequence 0`);
  });

  it('check-proof escapes a trail in its failure message', async () => {
    const proof = (await runCli(['prove', files.write('genuine.jsonl', `${log.lines.join('\n')}\n`), '--checkpoints', log.checkpointsFile, '--public-key', log.publicKey, '--trail', BILLING, '--sequence', '1', '--json'])).stdout;
    const bundle = parseLosslessJson(proof) as JsonObject;
    const hostile = canonicalJson({ ...bundle, proof: { ...(bundle.proof as JsonObject), trail: HOSTILE } });

    const result = await runCli(['check-proof', files.write('hostile-proof.json', hostile), '--public-key', log.publicKey]);

    expectInert(result.stdout);
    expect(result.stdout).toContain(`INVALID: the proof is about trail "${ESCAPED}"`);
    expect(result.status).toBe(1);
  });

  it('errors on stderr escape what they quote', async () => {
    const result = await runCli(['verify', files.write('bad\u001b[8m.jsonl', '[1')]);

    expect(result.stderr).not.toMatch(RAW_CONTROL);
    expect(result.stderr).toContain('bad\\u001b[8m.jsonl');
    expect(result.status).toBe(2);
  });
});
