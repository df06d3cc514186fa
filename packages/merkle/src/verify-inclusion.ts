import { MerkleError, RootMismatchError } from './errors.js';
import { assertHashLength, equalBytes, nodeHash } from './hashing.js';
import { half, isOdd } from './integers.js';
import { assertProofHashes, assertProofObject, countPathHashes } from './proof-shape.js';
import type { InclusionProof } from './proofs.js';
import { assertIndexBelow, assertTreeInteger } from './size-checks.js';

/**
 * Computes the root that `proof` implies for the leaf hash `leafHash`, using the algorithm
 * of RFC 9162 section 2.1.3.2. The result means nothing until it is compared with a trusted
 * root, so prefer `verifyInclusion`.
 *
 * @throws {MerkleRangeError} when `leafIndex` or `treeSize` is not an integer, or
 * `leafIndex >= treeSize`.
 * @throws {HashLengthError} when `leafHash` is not 32 bytes.
 * @throws {ProofShapeError} when the proof is not an object, or its hashes are not
 * exactly the number these sizes need, each 32 bytes.
 */
export function rootFromInclusionProof(leafHash: Uint8Array, proof: InclusionProof): Uint8Array {
  assertProofObject(proof);
  const { leafIndex, treeSize, hashes } = proof;
  assertTreeInteger(leafIndex, 'proof.leafIndex');
  assertTreeInteger(treeSize, 'proof.treeSize');
  assertIndexBelow(leafIndex, treeSize, 'proof.leafIndex', 'proof.treeSize');
  assertHashLength(leafHash, 'leafHash');

  let fn = leafIndex;
  let sn = treeSize - 1;
  const context = `inclusion proof for leaf ${leafIndex} in tree size ${treeSize}`;
  assertProofHashes(hashes, countPathHashes(fn, sn), context);

  // fn is the node's index on its level and sn the index of the level's last node. An odd
  // fn, or the last node without a right sibling, takes the proof hash from the left.
  let root: Uint8Array = leafHash.slice();
  for (const sibling of hashes) {
    if (isOdd(fn) || fn === sn) {
      root = nodeHash(sibling, root);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      root = nodeHash(root, sibling);
    }

    fn = half(fn);
    sn = half(sn);
  }

  return root;
}

/**
 * Verifies that `leafHash` is the leaf at `proof.leafIndex` in the tree of `proof.treeSize`
 * leaves whose root is `root`. Returns nothing on success.
 *
 * @throws {RootMismatchError} when the proof is well formed but leads to another root.
 * @throws {MerkleRangeError} when the index or size is invalid (see `rootFromInclusionProof`).
 * @throws {HashLengthError} when `leafHash` is not 32 bytes.
 * @throws {ProofShapeError} when the proof's hashes do not fit its sizes.
 */
export function verifyInclusion(leafHash: Uint8Array, proof: InclusionProof, root: Uint8Array): void {
  const computed = rootFromInclusionProof(leafHash, proof);

  if (!equalBytes(computed, root)) {
    throw new RootMismatchError(
      proof.treeSize,
      root,
      computed,
      `inclusion proof for leaf ${proof.leafIndex} failed`,
    );
  }
}

/**
 * Returns whether `verifyInclusion` accepts the arguments. Only `MerkleError`s count as
 * `false`. Any other error is rethrown.
 */
export function isValidInclusion(leafHash: Uint8Array, proof: InclusionProof, root: Uint8Array): boolean {
  try {
    verifyInclusion(leafHash, proof, root);
    return true;
  } catch (error) {
    if (error instanceof MerkleError) {
      return false;
    }
    throw error;
  }
}
