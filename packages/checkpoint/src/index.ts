/**
 * @auditgate/checkpoint: signed checkpoints and Merkle proofs that make audit trails
 * tamper-evident against anyone who can rewrite the store.
 *
 * @module
 */
export { CHECKPOINT_TYPE, CHECKPOINT_VERSION, signCheckpoint, signedMessage, serializeCheckpoint } from './checkpoint.js';
export type { Checkpoint, CheckpointStatement } from './checkpoint.js';
export { parseCheckpoint } from './parse-checkpoint.js';
export { checkSignature, checkFrontier, restoreFrontier, type FrontierStatus } from './check-checkpoint.js';
export { readCheckpointFile, type CheckpointInput } from './checkpoint-file.js';
export { validCheckpoints, latestCheckpoint } from './select-checkpoints.js';
export { entryLeafHash, wireLeafHash } from './leaf.js';

export { Ed25519Signer, generateKeyPair, keyIdOf, rawPublicKey } from './keys/signer.js';
export type { CheckpointSigner, Ed25519KeyPair } from './keys/signer.js';
export { Keyring, type SignatureStatus } from './keys/keyring.js';
export { writeKeyPair, loadPrivateKey, loadPublicKey, loadPublicKeys, type KeyPairFiles } from './keys/key-files.js';

export type { CheckpointSink } from './sinks/sink.js';
export { FileCheckpointSink } from './sinks/file-sink.js';
export { MultiSink } from './sinks/multi-sink.js';

export { Checkpointer } from './checkpointer/checkpointer.js';
export type { CheckpointerOptions } from './checkpointer/options.js';
export { pruneWithCheckpoint, type PruneResult } from './prune.js';

export { inclusionProof, verifyInclusionProof, type ProofOptions } from './proofs/inclusion.js';
export type { InclusionSubject } from './proofs/proof-subject.js';
export { consistencyProof, verifyConsistencyProof } from './proofs/consistency.js';
export { parseInclusionProof, parseConsistencyProof } from './proofs/parse-proof.js';
export type { EntryInclusionProof, CheckpointConsistencyProof } from './proofs/proof-json.js';
export type { ProofSource } from './proofs/proof-source.js';

export { CheckpointVerifier, type CheckpointVerifierOptions, type CheckpointReport } from './verify/checkpoint-verifier.js';
export { verifyWithCheckpoints, type VerifyWithCheckpointsOptions, type EntryInput } from './verify/verify-with-checkpoints.js';
export { CHECKPOINT_FINDING_KINDS, type CheckpointFinding, type CheckpointFindingKind } from './verify/finding.js';
export type { CheckpointTrailReport } from './verify/trail-check.js';

export {
  CheckpointError,
  KeyFileError,
  MalformedCheckpointError,
  EntryNotCoveredError,
  ProofError,
  CheckpointStateError,
  SinkError,
  PruneError,
  type KeyFileErrorCode,
  type ProofErrorCode,
  type CheckpointStateErrorCode,
} from './errors.js';
