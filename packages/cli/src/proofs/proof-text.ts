import { formatLocation } from '@auditgate/core';
import { countOf } from '../output/plural.js';
import { escapeControls, quoted } from '../output/printable.js';
import type { Style } from '../output/style.js';
import type { ConsistencyResult } from './prove-consistency.js';
import type { InclusionResult } from './prove-inclusion.js';
import { describeCheckpoint } from './trusted-checkpoints.js';

const SAVE_HINT = "Save the proof with --json > FILE; 'auditgate check-proof FILE --public-key KEY.pub' checks it without the log.";

/**
 * Formats an inclusion proof for people: the entry, the checkpoint, and the proof's hashes. A
 * trail name or file name with control characters is shown quoted and escaped.
 */
export function formatInclusion(result: InclusionResult, style: Style): string {
  const { proof } = result.bundle;
  return [
    style.bold(
      `entry ${proof.sequence} of trail ${quoted(proof.trail)} (${escapeControls(formatLocation(result.entry.location))}) is leaf ${proof.sequence} ` +
        `of the tree of ${countOf(proof.tree_size, 'entry', 'entries')}`,
    ),
    `  ${describeCheckpoint(result.checkpoint)}`,
    `  leaf hash: ${proof.leaf_hash}`,
    ...hashLines(proof.hashes, 'the leaf is the whole tree'),
    style.green('VALID: the proof leads to the signed root'),
    SAVE_HINT,
    '',
  ].join('\n');
}

/** Formats a consistency proof for people: both checkpoints and the proof's hashes. */
export function formatConsistency(result: ConsistencyResult, style: Style): string {
  const { proof } = result.bundle;
  return [
    style.bold(`the checkpoint of trail ${quoted(proof.trail)} at tree size ${proof.size2} extends the one at tree size ${proof.size1}`),
    `  older: ${describeCheckpoint(result.older)}`,
    `  newer: ${describeCheckpoint(result.newer)}`,
    ...hashLines(proof.hashes, 'both checkpoints have the same tree size and root'),
    style.green('VALID: the proof leads from the older signed root to the newer one'),
    SAVE_HINT,
    '',
  ].join('\n');
}

function hashLines(hashes: readonly string[], whenEmpty: string): string[] {
  if (hashes.length === 0) return [`  proof: no hashes, because ${whenEmpty}`];
  return [`  proof: ${hashes.length} ${hashes.length === 1 ? 'hash' : 'hashes'}, deepest first:`, ...hashes.map((hash) => `    ${hash}`)];
}
