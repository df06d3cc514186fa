import { formatLocation, type Finding, type TrailReport, type VerifyReport } from '@auditgate/core';
import type { Style } from '../output/style.js';
import type { InputFormat } from '../read/read-entries.js';

/** The format and entry count of one file that `verify` read. */
export interface SourceSummary {
  readonly file: string;
  readonly format: InputFormat;
  readonly entries: number;
}

/**
 * Formats a report for people: a summary line per trail followed by its findings, then the
 * findings that belong to no trail, then the verdict.
 */
export function formatVerifyReport(report: VerifyReport, sources: readonly SourceSummary[], style: Style): string {
  const lines: string[] = [];
  for (const trail of report.trails) {
    lines.push(trailLine(trail, style));
    for (const finding of trail.findings) lines.push(`  ${findingLine(finding, style)}`);
  }

  const unattributed = report.findings.filter((finding) => finding.trail === null);
  if (unattributed.length > 0) {
    lines.push('findings outside any trail:');
    for (const finding of unattributed) lines.push(`  ${findingLine(finding, style)}`);
  }
  if (report.omittedFindings > 0) {
    lines.push(`...and ${report.omittedFindings} more findings; raise --max-findings to list them`);
  }

  const scope = `${count(report.entryCount, 'entry', 'entries')} in ${count(report.trailCount, 'trail', 'trails')} from ${count(sources.length, 'file', 'files')}`;
  lines.push(
    report.valid
      ? style.green(`VALID: ${scope}`)
      : style.red(`INVALID: ${count(report.findingCount, 'finding', 'findings')}; ${scope}`),
  );
  return `${lines.join('\n')}\n`;
}

function trailLine(trail: TrailReport, style: Style): string {
  const range = trail.firstSequence === null ? 'no readable sequence' : `sequences ${trail.firstSequence}-${trail.lastSequence}`;
  const integrity = trail.integrity === 'NONE' ? 'NONE (no hashes, so only sequences and ts were checked)' : trail.integrity;
  const status = trail.findings.length === 0 ? style.green('ok') : style.red(count(trail.findings.length, 'finding', 'findings'));
  return `${style.bold(trail.trail)}: ${count(trail.entries, 'entry', 'entries')}, ${range}, ${integrity}: ${status}`;
}

/** Formats one finding as `file:line: trail T, sequence N: kind: message`. */
export function findingLine(finding: Finding, style: Style): string {
  const parts: string[] = [];
  if (finding.location !== null) parts.push(formatLocation(finding.location));
  const position: string[] = [];
  if (finding.trail !== null) position.push(`trail ${finding.trail}`);
  if (finding.sequence !== null) position.push(`sequence ${finding.sequence}`);
  if (position.length > 0) parts.push(position.join(', '));
  parts.push(style.red(finding.kind));
  parts.push(finding.message);
  return parts.join(': ');
}

function count(n: number, singular: string, plural: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}
