import { parseLosslessJson, type JsonObject } from '@auditgate/core';
import { describe, expect, it } from 'vitest';
import { tempFiles, vectorLines } from '../testing/logs.js';
import { runCli } from '../testing/run-cli.js';

const files = tempFiles();

interface Vector extends JsonObject {
  name: string;
  entry: JsonObject;
  prev_hash: string | null;
  canonical: string;
  hash: string;
}

const vectors = vectorLines().map((line) => ({ line, vector: parseLosslessJson(line) as Vector }));

/** Rebuilds the vector's entry as Python wrote it, with its prev_hash and the hash it carries. */
function entryLine(line: string, vector: Vector, entryHash: string | null = vector.hash): string {
  const entryText = line.slice(line.indexOf('"entry":') + '"entry":'.length, line.lastIndexOf(',"prev_hash":'));
  const prevHash = vector.prev_hash === null ? '' : `"prev_hash":"${vector.prev_hash}",`;
  return `{${prevHash}"entry_hash":${entryHash === null ? 'null' : `"${entryHash}"`},${entryText.slice(1)}`;
}

describe('hash', () => {
  it('reproduces the canonical string and hash of every shared vector', async () => {
    const text = vectors.map(({ line, vector }) => entryLine(line, vector)).join('\n');
    const result = await runCli(['hash', '--json', files.write('vectors.jsonl', text)]);
    const printed = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, string>);

    expect(result.status).toBe(0);
    expect(printed).toHaveLength(vectors.length);
    printed.forEach((output, i) => {
      expect(Object.keys(output)).toEqual(['canonical', 'entry_hash']);
      expect(output.canonical).toBe(vectors[i]!.vector.canonical);
      expect(output.entry_hash).toBe(vectors[i]!.vector.hash);
    });
  });

  it('reads stdin and shows whether the carried hash matches', async () => {
    const [golden, chained] = vectors.slice(0, 2);
    const stdin = `${entryLine(golden!.line, golden!.vector)}\n${entryLine(chained!.line, chained!.vector, 'ab'.repeat(32))}\n`;
    const result = await runCli(['hash'], { stdin });

    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`stdin:1: trail test:action@global, sequence 0\n  canonical:  ${golden!.vector.canonical}\n`);
    expect(result.stdout).toContain(`  entry_hash: ${golden!.vector.hash} (the entry carries this hash)`);
    expect(result.stdout).toContain(`  entry_hash: ${chained!.vector.hash} (the entry carries ${'ab'.repeat(32)}, which differs)`);
  });

  it('hashes the elements of a JSON array in document order', async () => {
    const picked = vectors.slice(4, 7);
    const text = `[\n${picked.map(({ line, vector }) => entryLine(line, vector, null)).join(',\n')}\n]`;
    const result = await runCli(['hash', '--json', '-'], { stdin: text });
    const hashes = result.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { entry_hash: string }).entry_hash);

    expect(hashes).toEqual(picked.map(({ vector }) => vector.hash));
  });

  it('rejects a value that is not an object, naming its line', async () => {
    const result = await runCli(['hash', files.write('scalars.json', '[\n  {},\n  7\n]')]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('scalars.json:3: expected an entry object, got 7');
  });

  it('rejects more than one FILE', async () => {
    const result = await runCli(['hash', 'a.jsonl', 'b.jsonl']);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('expected at most one FILE, got 2');
  });
});
