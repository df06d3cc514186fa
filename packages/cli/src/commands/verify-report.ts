import { formatLocation } from '@auditgate/core';
import { countOf } from '../output/plural.js';
import { escapeControls, printableMessage, quoted } from '../output/printable.js';
import type { Style } from '../output/style.js';
import type { InputFormat } from '../read/read-entries.js';
import type { AnyFinding, MergedReport, MergedTrailReport } from './verify-merge.js';

/** The format and entry count of one file that `verify` read. */
export interface SourceSummary {
  readonly file: string;
  readonly format: InputFormat;
  readonly entries: number;
}

/**
 * Formats a report for people: a summary line per trail followed by its findings, then the
 * findings that belong to no listed trail, then what the checkpoint files gave, then the verdict.
 * Trail names and other strings from the input that contain control characters are shown
 * quoted and escaped, so that they cannot fake or hide report lines.
 */
export function formatVerifyReport(report: MergedReport, sources: readonly SourceSummary[], style: Style): string {
  const lines: string[] = [];
  for (const trail of report.trails) {
    lines.push(trailLine(trail, style));
    for (const finding of trail.findings) lines.push(`  ${findingLine(finding, style)}`);
  }

  // A checkpoint finding may name a trail that has neither entries nor valid checkpoints, such
  // as a checkpoint signed by an unknown key. Such a finding is listed here, so it is not lost.
  const listed = new Set(report.trails.map((trail) => trail.trail));
  const unattributed = report.findings.filter((finding) => finding.trail === null || !listed.has(finding.trail));
  if (unattributed.length > 0) {
    lines.push('findings outside any trail:');
    for (const finding of unattributed) lines.push(`  ${findingLine(finding, style)}`);
  }
  if (report.omittedFindings > 0) {
    lines.push(`...and ${countOf(report.omittedFindings, 'more finding', 'more findings')}; raise --max-findings to list them`);
  }

  const checkpoints = report.checkpoints;
  if (checkpoints?.seen !== undefined && checkpoints.seen !== null) {
    const { file, read, appended } = checkpoints.seen;
    lines.push(`seen checkpoints: ${countOf(read, 'line', 'lines')} read from ${quoted(file)}, ${appended.toLocaleString('en-US')} appended`);
  }

  let scope = `${countOf(report.entryCount, 'entry', 'entries')} in ${countOf(report.trailCount, 'trail', 'trails')} from ${countOf(sources.length, 'file', 'files')}`;
  if (checkpoints !== undefined) {
    const listedCount = checkpoints.checkpointCount - (checkpoints.seen?.read ?? 0);
    scope += `, against ${countOf(listedCount, 'checkpoint', 'checkpoints')} from ${countOf(checkpoints.files.length, 'file', 'files')}`;
  }
  lines.push(
    report.valid
      ? style.green(`VALID: ${scope}`)
      : style.red(`INVALID: ${countOf(report.findingCount, 'finding', 'findings')}; ${scope}`),
  );
  return `${lines.join('\n')}\n`;
}

function trailLine(trail: MergedTrailReport, style: Style): string {
  const parts = [countOf(trail.entries, 'entry', 'entries')];
  if (trail.integrity !== null) {
    parts.push(trail.firstSequence === null ? 'no readable sequence' : `sequences ${trail.firstSequence}-${trail.lastSequence}`);
    parts.push(trail.integrity === 'NONE' ? 'NONE (no hashes, so only sequences and ts were checked)' : trail.integrity);
  }
  if (trail.checkpoints !== undefined) parts.push(checkpointReach(trail.checkpoints));

  const status = trail.findings.length === 0 ? style.green('ok') : style.red(countOf(trail.findings.length, 'finding', 'findings'));
  return `${style.bold(quoted(trail.trail))}: ${parts.join(', ')}: ${status}`;
}

function checkpointReach(checkpoints: NonNullable<MergedTrailReport['checkpoints']>): string {
  const { latestTreeSize, verifiedTreeSize, prunedBefore } = checkpoints;
  const pruned = prunedBefore === null ? '' : ` (pruned before sequence ${prunedBefore} at a prune checkpoint)`;
  if (latestTreeSize === null) return 'no valid checkpoint';
  if (verifiedTreeSize === latestTreeSize) return `checkpoints verified up to tree size ${latestTreeSize}${pruned}`;
  const verified = verifiedTreeSize === null ? 'none verified' : `verified up to ${verifiedTreeSize}`;
  return `checkpoints up to tree size ${latestTreeSize}, ${verified}${pruned}`;
}

/** Formats one finding as `file:line: trail T, sequence N: kind: message`. */
export function findingLine(finding: AnyFinding, style: Style): string {
  const parts: string[] = [];
  if (finding.location !== null) parts.push(escapeControls(formatLocation(finding.location)));
  const position: string[] = [];
  if (finding.trail !== null) position.push(`trail ${quoted(finding.trail)}`);
  if (finding.sequence !== null) position.push(`sequence ${finding.sequence}`);
  if (position.length > 0) parts.push(position.join(', '));
  parts.push(style.red(finding.kind));
  parts.push(printableMessage(finding.message, [finding.trail, finding.location?.file]));
  return parts.join(': ');
}
