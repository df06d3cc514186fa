import { EntryNotCoveredError, ProofError } from '@auditgate/checkpoint';
import { CheckFailedError } from '../errors.js';

const HINTS: Readonly<Record<string, string>> = {
  PROOF_SOURCE_MISMATCH: "Run 'auditgate verify' with the same --checkpoints and --public-key flags to find the changed entries",
  CHECKPOINTS_INCONSISTENT: "Run 'auditgate verify' with the same flags: it reports the fork",
};

/**
 * Turns the error of building or checking a proof into a {@link CheckFailedError}, which ends
 * the command with status 1, and returns any other error unchanged for the caller to rethrow.
 */
export function asCheckFailure(error: unknown): unknown {
  if (error instanceof CheckFailedError) return error;
  if (error instanceof EntryNotCoveredError || error instanceof ProofError) {
    const hint = HINTS[error.code];
    const message = hint === undefined ? error.message : `${error.message.replace(/\.$/, '')}. ${hint}`;
    return new CheckFailedError(error.code, message, { cause: error });
  }
  return error;
}
