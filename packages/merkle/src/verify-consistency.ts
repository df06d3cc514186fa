import { MerkleError, ProofShapeError, RootMismatchError } from './errors.js';
import { equalBytes, nodeHash } from './hashing.js';
import { half, isOdd, isPowerOfTwo } from './integers.js';
import { assertProofHashes, assertProofObject, countPathHashes } from './proof-shape.js';
import type { ConsistencyProof } from './proofs.js';
import { assertConsistencySizes, assertTreeInteger } from './size-checks.js';

/**
 * Verifies that the tree of `proof.size1` leaves with root `root1` is a prefix of the tree
 * of `proof.size2` leaves with root `root2`, using the algorithm of RFC 9162 section
 * 2.1.4.2. Returns nothing on success.
 *
 * Equal sizes need an empty proof and equal roots. The roots are then only compared with
 * each other, so their length is not checked. `size1 = 0` is always rejected, even with
 * `size2 = 0`, because RFC 9162 defines consistency proofs only for `0 < size1`.
 *
 * @throws {MerkleRangeError} when a size is not an integer, `size1 > size2` or `size1 = 0`.
 * @throws {ProofShapeError} when the proof is not an object, or its hashes are not exactly
 * the number these sizes need, each 32 bytes.
 * @throws {RootMismatchError} when the proof is well formed but does not lead to `root1`
 * or `root2`. Its `treeSize` identifies the root that failed.
 */
export function verifyConsistency(proof: ConsistencyProof, root1: Uint8Array, root2: Uint8Array): void {
  assertProofObject(proof);
  const { size1, size2, hashes } = proof;
  assertTreeInteger(size1, 'proof.size1');
  assertTreeInteger(size2, 'proof.size2');
  assertConsistencySizes(size1, size2);

  const context = `consistency proof from tree size ${size1} to ${size2}`;
  if (size1 === size2) {
    assertProofHashes(hashes, 0, context);
    if (!equalBytes(root1, root2)) {
      throw new RootMismatchError(size2, root2, root1, `${context}: sizes are equal but roots differ`);
    }
    return;
  }

  // fn starts at the old tree's last leaf, sn at the new tree's. Skipping the trailing one
  // bits of fn climbs to the largest perfect subtree that ends the old tree.
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }

  // When size1 is a power of two, that subtree is the whole old tree, so the proof omits its
  // hash and root1 takes its place as the seed.
  const seedIsRoot1 = isPowerOfTwo(size1);
  const seedCount = seedIsRoot1 ? 0 : 1;
  assertProofHashes(hashes, seedCount + countPathHashes(fn, sn), context);

  const seed = seedIsRoot1 ? root1 : firstHash(hashes);
  let oldRoot = seed;
  let newRoot = seed;
  for (const sibling of hashes.slice(seedCount)) {
    if (isOdd(fn) || fn === sn) {
      // A left sibling belongs to both trees.
      oldRoot = nodeHash(sibling, oldRoot);
      newRoot = nodeHash(sibling, newRoot);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      // A right sibling covers leaves appended after size1, so only the new tree contains it.
      newRoot = nodeHash(newRoot, sibling);
    }

    fn = half(fn);
    sn = half(sn);
  }

  if (!equalBytes(oldRoot, root1)) {
    throw new RootMismatchError(size1, root1, oldRoot, `${context} failed for the old root`);
  }
  if (!equalBytes(newRoot, root2)) {
    throw new RootMismatchError(size2, root2, newRoot, `${context} failed for the new root`);
  }
}

/**
 * Returns whether `verifyConsistency` accepts the arguments. Only `MerkleError`s count as
 * `false`. Any other error is rethrown.
 */
export function isValidConsistency(proof: ConsistencyProof, root1: Uint8Array, root2: Uint8Array): boolean {
  try {
    verifyConsistency(proof, root1, root2);
    return true;
  } catch (error) {
    if (error instanceof MerkleError) {
      return false;
    }
    throw error;
  }
}

function firstHash(hashes: readonly Uint8Array[]): Uint8Array {
  const first = hashes[0];
  if (first === undefined) {
    // Unreachable after the length check, which needs at least two hashes here.
    throw new ProofShapeError('consistency proof is empty but needs a seed hash');
  }
  return first;
}
