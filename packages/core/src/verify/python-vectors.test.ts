import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../../test/shared.js';
import type { JsonObject } from '../json/json-value.js';
import { parseLosslessJson } from '../json/parse.js';
import type { VerifyAnchor } from './options.js';
import { Verifier } from './verifier.js';

interface Vector {
  name: string;
  entry: JsonObject;
  prev_hash: string | null;
  hash: string;
}

// Each line is parsed losslessly as a whole, so Python's number spellings reach the verifier.
const vectors = readFileSync(join(sharedDir(), 'vectors/canonical-vectors.jsonl'), 'latin1')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => parseLosslessJson(line) as unknown as Vector);

/** Converts a vector to an exported entry: its fields plus the ones outside the hash. */
function toWire(vector: Vector): JsonObject {
  return { schema_version: '0.1.1', ...vector.entry, wall_ts: '2023-11-14T22:13:20.250000+00:00', recorded_by: 'python', entry_hash: vector.hash, prev_hash: vector.prev_hash };
}

const VERDICTS = ['ALLOW', 'BLOCK', 'ERROR', 'OVERRIDE'];
const SEVERITIES = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL'];

// The hash covers any value, but the wire contract also fixes the enums and the sequence range,
// so the reference-defaults vector (verdict "") and sequences past 2**53 are malformed entries.
function expectedKinds(vector: Vector): string[] {
  const { sequence, verdict, severity, trail } = vector.entry;
  // The hash vectors include an entry whose trail is empty; a verifier reads that as malformed.
  const trailReadable = typeof trail === 'string' && /^[^:]+:[^@]+@.+$/.test(trail);
  if (typeof sequence !== 'number' || !VERDICTS.includes(verdict as string) || !SEVERITIES.includes(severity as string) || !trailReadable) {
    return ['malformed'];
  }
  if (sequence === 0 && vector.prev_hash !== null) return ['bad_start'];
  return [];
}

describe('Verifier on entries written by Python', () => {
  it('reads 120 vectors', () => {
    expect(vectors).toHaveLength(120);
  });

  // Every vector is its own one-entry log; an entry above sequence 0 continues an anchor.
  it.each(vectors.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
    const sequence = vector.entry.sequence;
    const anchors = new Map<string, VerifyAnchor>();
    if (typeof sequence === 'number' && sequence > 0) {
      anchors.set(vector.entry.trail as string, { sequence: sequence - 1, entryHash: vector.prev_hash });
    }
    const verifier = new Verifier({ anchors });
    verifier.add(toWire(vector), { index: 0 });
    const report = verifier.finish();

    expect(report.findings.map((finding) => finding.kind)).toEqual(expectedKinds(vector));
  });

  it('accepts the three-entry chain as one trail', () => {
    const chain = vectors.filter((vector) => vector.name.startsWith('chain3-'));
    const verifier = new Verifier();
    chain.forEach((vector, index) => verifier.add(toWire(vector), { index }));
    const report = verifier.finish();

    expect(chain).toHaveLength(3);
    expect(report.findings).toEqual([]);
    expect(report.trails[0]!.integrity).toBe('CHAIN');
    expect(report.trails[0]!.lastHash).toBe(chain[2]!.hash);
  });
});
