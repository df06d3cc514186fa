/** Machine-readable reason carried by every error this package throws. */
export type MerkleErrorCode =
  | 'MERKLE_INVALID_INTEGER'
  | 'MERKLE_INDEX_OUT_OF_RANGE'
  | 'MERKLE_SIZE_OUT_OF_RANGE'
  | 'MERKLE_SIZES_OUT_OF_ORDER'
  | 'MERKLE_EMPTY_TREE_CONSISTENCY'
  | 'MERKLE_TREE_FULL'
  | 'MERKLE_HASH_LENGTH'
  | 'MERKLE_PROOF_SHAPE'
  | 'MERKLE_INVALID_FRONTIER'
  | 'MERKLE_ROOT_MISMATCH'
  | 'MERKLE_INVALID_ENCODING';

/**
 * Base class of every error this package throws. Catch it to tell Merkle failures apart
 * from programming errors such as a `TypeError`, and switch on `code` for the reason.
 */
export class MerkleError extends Error {
  readonly code: MerkleErrorCode;

  constructor(code: MerkleErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Leaf index or tree size that is not a non-negative safe integer, or that does not fit
 * the tree or the other size it is used with. Also thrown when a `MerkleTree` is full.
 */
export class MerkleRangeError extends MerkleError {
  constructor(
    code:
      | 'MERKLE_INVALID_INTEGER'
      | 'MERKLE_INDEX_OUT_OF_RANGE'
      | 'MERKLE_SIZE_OUT_OF_RANGE'
      | 'MERKLE_SIZES_OUT_OF_ORDER'
      | 'MERKLE_EMPTY_TREE_CONSISTENCY'
      | 'MERKLE_TREE_FULL',
    message: string,
  ) {
    super(code, message);
  }
}

/** Leaf hash argument that is not a SHA-256 digest (a 32-byte Uint8Array). */
export class HashLengthError extends MerkleError {
  /** Name of the argument, for example `leafHash` or `leafHashes[3]`. */
  readonly field: string;
  /** Length of the rejected value in bytes, or undefined when it is not a Uint8Array. */
  readonly actualLength: number | undefined;

  constructor(field: string, actualLength: number | undefined) {
    const found = actualLength === undefined ? 'is not a Uint8Array' : `has ${actualLength} bytes`;
    super(
      'MERKLE_HASH_LENGTH',
      `${field} ${found} but must be a 32-byte SHA-256 hash. ` +
        'Pass the output of leafHash() rather than the raw leaf data.',
    );
    this.field = field;
    this.actualLength = actualLength;
  }
}

/**
 * Proof whose hash list cannot belong to the sizes it names, because it has too few or too
 * many hashes, a hash that is not 32 bytes, or a `hashes` field that is not an array.
 */
export class ProofShapeError extends MerkleError {
  constructor(message: string) {
    super('MERKLE_PROOF_SHAPE', message);
  }
}

/**
 * Well-formed proof whose recomputed root differs from the root the caller trusts. Either
 * the proof, the leaf hash or the trusted root is wrong, or the log misbehaved.
 */
export class RootMismatchError extends MerkleError {
  /** Tree size of the root that did not match. */
  readonly treeSize: number;
  /** Root the caller passed in and trusts. */
  readonly expected: Uint8Array;
  /** Root recomputed from the proof. */
  readonly computed: Uint8Array;

  constructor(treeSize: number, expected: Uint8Array, computed: Uint8Array, context: string) {
    super(
      'MERKLE_ROOT_MISMATCH',
      `${context}: computed root ${hex(computed)} for tree size ${treeSize} ` +
        `does not match expected root ${hex(expected)}`,
    );
    this.treeSize = treeSize;
    this.expected = expected;
    this.computed = computed;
  }
}

/**
 * Frontier whose hash list cannot belong to its size: `hashes` is not an array, or it does
 * not contain exactly one hash per one bit of the size.
 */
export class FrontierError extends MerkleError {
  constructor(message: string) {
    super('MERKLE_INVALID_FRONTIER', message);
  }
}

/** Text that is not valid hex or base64. */
export class EncodingError extends MerkleError {
  constructor(message: string) {
    super('MERKLE_INVALID_ENCODING', message);
  }
}

// Kept local so that this module imports nothing and the encoding helpers can throw its classes.
function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
