import type { CheckpointReport } from '@auditgate/checkpoint';
import type { VerifyReport } from '@auditgate/core';
import type { Tally } from './tally.js';

/** The demo's result, printed as a table or, with --json, as this object. */
export interface Summary {
  readonly input: string;
  readonly store: string;
  readonly conversations: number;
  readonly toolCalls: number;
  readonly allowed: number;
  readonly blocked: number;
  /** Money the allowed calls moved, as a decimal string. */
  readonly moneyMoved: string;
  readonly decisions: Record<string, Record<string, number>>;
  readonly blockedByTool: Record<string, number>;
  readonly trails: number;
  readonly entries: number;
  readonly entriesPerTrail: Record<string, number>;
  readonly verification: {
    readonly valid: boolean;
    readonly entries: number;
    readonly findings: number;
    /**
     * Present when the run signed checkpoints: how many this run signed, how many the
     * checkpoints file contains (earlier runs' included), and what checking against them found.
     */
    readonly checkpoints?: { readonly signed: number; readonly inFile: number; readonly valid: boolean; readonly findings: number };
  };
}

export function buildSummary(
  input: string,
  store: string,
  conversations: number,
  tally: Tally,
  entriesPerTrail: Record<string, number>,
  report: VerifyReport,
  checkpoints?: { readonly report: CheckpointReport; readonly signed: number },
): Summary {
  return {
    input,
    store,
    conversations,
    toolCalls: tally.toolCalls,
    allowed: tally.allowed,
    blocked: tally.blocked,
    moneyMoved: tally.moved.toString(),
    decisions: sortKeys(tally.byGate),
    blockedByTool: sortKeys(tally.blockedByTool),
    trails: Object.keys(entriesPerTrail).length,
    entries: Object.values(entriesPerTrail).reduce((sum, count) => sum + count, 0),
    entriesPerTrail,
    verification: {
      valid: report.valid && (checkpoints?.report.valid ?? true),
      entries: report.entryCount,
      findings: report.findingCount + (checkpoints?.report.findingCount ?? 0),
      ...(checkpoints === undefined
        ? {}
        : {
            checkpoints: {
              signed: checkpoints.signed,
              inFile: checkpoints.report.checkpointCount,
              valid: checkpoints.report.valid,
              findings: checkpoints.report.findingCount,
            },
          }),
    },
  };
}

/** Renders the summary as aligned text for a terminal; at most `maxTrails` trails are listed. */
export function renderSummary(summary: Summary, maxTrails = 10): string {
  const lines: string[] = [];
  const row = (label: string, value: string | number) => lines.push(`  ${label.padEnd(46)} ${String(value).padStart(8)}`);

  lines.push(`auditgate demo: ${summary.input}`, '');
  row('conversations', summary.conversations);
  row('tool calls', summary.toolCalls);
  row('allowed (no gate blocked them)', summary.allowed);
  row('blocked', summary.blocked);
  row('money moved by allowed calls, USD', summary.moneyMoved);

  lines.push('', '  decisions per gate and reason');
  for (const [gate, reasons] of Object.entries(summary.decisions)) {
    for (const [reason, count] of Object.entries(reasons)) row(`  ${gate} ${reason}`, count);
  }

  lines.push('', '  blocked calls per tool');
  for (const [tool, count] of Object.entries(summary.blockedByTool)) row(`  ${tool}`, count);

  const trails = Object.entries(summary.entriesPerTrail).sort((a, b) => b[1] - a[1]);
  lines.push('', `  entries per trail (${summary.trails} trails, ${summary.entries} entries; largest first)`);
  for (const [trail, count] of trails.slice(0, maxTrails)) row(`  ${trail}`, count);
  if (trails.length > maxTrails) lines.push(`    … ${trails.length - maxTrails} more; --json lists all`);

  const { verification } = summary;
  lines.push('', `  verification: ${verification.valid ? 'VALID' : 'INVALID'}, ${verification.entries} entries, ${verification.findings} findings`);
  if (verification.checkpoints !== undefined) {
    const { signed, inFile, valid, findings } = verification.checkpoints;
    lines.push(`  checkpoints: ${signed} signed in this run, ${inFile} in the file; against them the trails are ${valid ? 'VALID' : 'INVALID'} (${findings} findings)`);
  }
  lines.push(`  store: ${summary.store}`);
  return lines.join('\n');
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}
