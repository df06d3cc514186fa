/**
 * RFC 9162 inclusion proof (audit path) for the leaf at `leafIndex` in the tree of
 * `treeSize` leaves. `hashes` runs from the leaf's sibling up to the child of the root.
 */
export interface InclusionProof {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly hashes: readonly Uint8Array[];
}

/**
 * RFC 9162 consistency proof that the tree of `size1` leaves is a prefix of the tree of
 * `size2` leaves. `hashes` is in the order RFC 9162 section 2.1.4 produces, deepest node first.
 */
export interface ConsistencyProof {
  readonly size1: number;
  readonly size2: number;
  readonly hashes: readonly Uint8Array[];
}
