/**
 * Proof that an entry is the leaf at `sequence` of the tree of `tree_size` entries whose root a
 * checkpoint signs. Hashes are lowercase hex, `hashes` in RFC 9162 order (deepest first).
 */
export interface EntryInclusionProof {
  readonly trail: string;
  readonly sequence: number;
  readonly tree_size: number;
  readonly leaf_hash: string;
  readonly hashes: readonly string[];
}

/**
 * Proof that the tree of `size1` entries of a trail is a prefix of its tree of `size2` entries,
 * so that a checkpoint at `size2` extends the one at `size1` instead of rewriting it.
 */
export interface CheckpointConsistencyProof {
  readonly trail: string;
  readonly size1: number;
  readonly size2: number;
  readonly hashes: readonly string[];
}
