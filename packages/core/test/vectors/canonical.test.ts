import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalWireEntry, hashWireEntry, parseLosslessJson, sha256Hex, type JsonObject } from '../../src/index.js';
import { sharedDir } from '../shared.js';

interface Vector {
  name: string;
  category: string;
  entry: JsonObject;
  prev_hash: string | null;
  canonical: string;
  hash: string;
}

// Each line is parsed losslessly as a whole, so the entry's number spellings survive.
const lines = readFileSync(join(sharedDir(), 'vectors/canonical-vectors.jsonl'), 'latin1')
  .split('\n')
  .filter((line) => line.trim() !== '');
const vectors = lines.map((line) => parseLosslessJson(line) as unknown as Vector);

describe('canonical-JSON vectors written by Python', () => {
  it('covers all 120 vectors', () => {
    expect(vectors).toHaveLength(120);
  });

  it.each(vectors.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
    const wire: JsonObject = { ...vector.entry };
    if (vector.prev_hash !== null) wire.prev_hash = vector.prev_hash;

    expect(canonicalWireEntry(wire)).toBe(vector.canonical);
    expect(hashWireEntry(wire)).toBe(vector.hash);
    expect(sha256Hex(vector.canonical)).toBe(vector.hash);
  });
});
