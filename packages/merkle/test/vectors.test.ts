import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import {
  MerkleError,
  fromBase64,
  isValidConsistency,
  isValidInclusion,
  verifyConsistency,
  verifyInclusion,
} from '../src/index.js';

// Known-answer vectors from the Go project transparency-dev/merkle (its testdata/inclusion
// and testdata/consistency folders). They live outside the repository, in the folder that
// AUDITGATE_SHARED names, or by default in "shared" beside the repository checkout.
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = process.env.AUDITGATE_SHARED ?? path.resolve(packageDir, '../../../shared');
const vectorsDir = path.join(sharedDir, 'vectors', 'merkle');

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof?: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof?: string[] | null;
  desc: string;
  wantErr: boolean;
}

function listJsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const fullPath = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return listJsonFiles(fullPath);
      }
      return entry.name.endsWith('.json') ? [fullPath] : [];
    })
    .sort();
}

function readVector<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

// Go's encoding/json writes a nil proof as null, and the Go verifier treats it as empty.
function decodeProof(proof: string[] | null | undefined): Uint8Array[] {
  return (proof ?? []).map(fromBase64);
}

function vectorFiles(kind: 'inclusion' | 'consistency'): string[] {
  const dir = path.join(vectorsDir, kind);
  if (!existsSync(dir)) {
    throw new Error(`vector folder ${dir} not found; set AUDITGATE_SHARED to the shared folder`);
  }
  return listJsonFiles(dir);
}

function expectOutcome(wantErr: boolean, verify: () => void, isValid: boolean): void {
  if (wantErr) {
    // The rejection must be one of the package's typed errors, not a crash.
    expect(verify).toThrow(MerkleError);
  } else {
    expect(verify).not.toThrow();
  }
  expect(isValid).toBe(!wantErr);
}

describe('inclusion vectors', () => {
  const files = vectorFiles('inclusion');

  it('folder has vectors', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  // Some files give leafIdx 2^64 - 1, which JSON.parse rounds to an unsafe integer. The
  // package accepts only safe integers and rejects it, as these files require.
  it.each(files.map((file) => [path.relative(vectorsDir, file), file]))('%s', (_name, file) => {
    const vector = readVector<InclusionVector>(file);
    const proof = { leafIndex: vector.leafIdx, treeSize: vector.treeSize, hashes: decodeProof(vector.proof) };
    const leaf = fromBase64(vector.leafHash);
    const root = fromBase64(vector.root);

    expectOutcome(vector.wantErr, () => verifyInclusion(leaf, proof, root), isValidInclusion(leaf, proof, root));
  });
});

describe('consistency vectors', () => {
  const files = vectorFiles('consistency');

  it('folder has vectors', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files.map((file) => [path.relative(vectorsDir, file), file]))('%s', (_name, file) => {
    const vector = readVector<ConsistencyVector>(file);
    const proof = { size1: vector.size1, size2: vector.size2, hashes: decodeProof(vector.proof) };
    const root1 = fromBase64(vector.root1);
    const root2 = fromBase64(vector.root2);

    expectOutcome(
      vector.wantErr,
      () => verifyConsistency(proof, root1, root2),
      isValidConsistency(proof, root1, root2),
    );
  });
});
