export { HASH_SIZE, emptyRoot, leafHash, nodeHash } from './hashing.js';
export { CompactMerkleTree, rootFromLeafHashes } from './compact-tree.js';
export type { Frontier } from './compact-tree.js';
export { MerkleTree } from './merkle-tree.js';
export type { ConsistencyProof, InclusionProof } from './proofs.js';
export { isValidInclusion, rootFromInclusionProof, verifyInclusion } from './verify-inclusion.js';
export { isValidConsistency, verifyConsistency } from './verify-consistency.js';
export { fromBase64, fromHex, toBase64, toHex } from './encoding.js';
export {
  EncodingError,
  FrontierError,
  HashLengthError,
  MerkleError,
  MerkleRangeError,
  ProofShapeError,
  RootMismatchError,
} from './errors.js';
export type { MerkleErrorCode } from './errors.js';
