import { createHash } from 'node:crypto';

// Direct transcriptions of the recursive definitions in RFC 9162 sections 2.1.1, 2.1.3.1
// and 2.1.4.1. They hash with node:crypto themselves, so a bug in the package's hashing
// cannot hide in both sides of a comparison. Recursion depth is log2(n), and slices are
// replaced by index ranges so that large trees stay cheap.

function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part);
  }
  return new Uint8Array(hash.digest());
}

export function referenceLeafHash(data: Uint8Array): Uint8Array {
  return sha256(Uint8Array.of(0), data);
}

function referenceNodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(Uint8Array.of(1), left, right);
}

function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

/** MTH(D[start:end]) over leaf hashes. */
export function referenceRoot(leafHashes: readonly Uint8Array[], start = 0, end = leafHashes.length): Uint8Array {
  const n = end - start;
  if (n === 0) {
    return sha256();
  }
  if (n === 1) {
    return leafHashes[start] as Uint8Array;
  }

  const k = splitPoint(n);
  return referenceNodeHash(referenceRoot(leafHashes, start, start + k), referenceRoot(leafHashes, start + k, end));
}

/** PATH(m, D[start:end]), the inclusion proof of leaf m counted from `start`. */
export function referenceInclusionPath(
  m: number,
  leafHashes: readonly Uint8Array[],
  start = 0,
  end = leafHashes.length,
): Uint8Array[] {
  const n = end - start;
  if (n === 1) {
    return [];
  }

  const k = splitPoint(n);
  if (m < k) {
    return [...referenceInclusionPath(m, leafHashes, start, start + k), referenceRoot(leafHashes, start + k, end)];
  }
  return [...referenceInclusionPath(m - k, leafHashes, start + k, end), referenceRoot(leafHashes, start, start + k)];
}

/** PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true), for 0 < m <= n. */
export function referenceConsistencyProof(m: number, leafHashes: readonly Uint8Array[]): Uint8Array[] {
  return subproof(m, leafHashes, 0, leafHashes.length, true);
}

function subproof(m: number, leafHashes: readonly Uint8Array[], start: number, end: number, b: boolean): Uint8Array[] {
  const n = end - start;
  if (m === n) {
    return b ? [] : [referenceRoot(leafHashes, start, end)];
  }

  const k = splitPoint(n);
  if (m <= k) {
    return [...subproof(m, leafHashes, start, start + k, b), referenceRoot(leafHashes, start + k, end)];
  }
  return [...subproof(m - k, leafHashes, start + k, end, false), referenceRoot(leafHashes, start, start + k)];
}

/** Leaf hashes of the leaves "leaf 0", "leaf 1", ... */
export function sampleLeafHashes(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => referenceLeafHash(new TextEncoder().encode(`leaf ${i}`)));
}

/** Returns a copy of `bytes` with bit `bit` (0 = least significant bit of byte 0) flipped. */
export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = bytes.slice();
  const byteIndex = Math.floor(bit / 8);
  copy[byteIndex] = (copy[byteIndex] as number) ^ (1 << (bit % 8));
  return copy;
}
