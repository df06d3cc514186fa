import type { CheckpointFinding, CheckpointReport, CheckpointTrailReport } from '@auditgate/checkpoint';
import { compareCodePoints, type Finding, type Integrity, type VerifyReport } from '@auditgate/core';
import type { CheckpointRunSummary } from '../checkpoints/checkpoint-layer.js';

/** A finding of the hash-chain verifier or of the checkpoint verifier; their kinds are distinct. */
export type AnyFinding = Finding | CheckpointFinding;

/** How far the checkpoints of one trail reach and how far the entries matched them. */
export interface TrailCheckpointSummary {
  /** Valid checkpoints of the trail, from the current files and the seen file. */
  readonly count: number;
  readonly latestTreeSize: number | null;
  readonly verifiedTreeSize: number | null;
  readonly prunedBefore: number | null;
}

/** One trail of a {@link MergedReport}: the chain verifier's summary plus the checkpoint summary. */
export interface MergedTrailReport {
  readonly trail: string;
  readonly entries: number;
  readonly firstSequence: number | null;
  readonly lastSequence: number | null;
  readonly lastHash: string | null;
  /** Null for a trail that has checkpoints but no entries. */
  readonly integrity: Integrity | null;
  readonly findings: readonly AnyFinding[];
  /** Present when the log was checked against checkpoints. */
  readonly checkpoints?: TrailCheckpointSummary;
}

/** The report of `verify`: the chain report, merged with the checkpoint report when there is one. */
export interface MergedReport {
  readonly valid: boolean;
  readonly entryCount: number;
  readonly trailCount: number;
  readonly findingCount: number;
  readonly omittedFindings: number;
  readonly trails: readonly MergedTrailReport[];
  readonly findings: readonly AnyFinding[];
  /** Present when the log was checked against checkpoints. */
  readonly checkpoints?: CheckpointRunSummary & { readonly checkpointCount: number; readonly findingCount: number };
}

/** The checkpoint side of a run, for {@link mergeReports}. */
export interface CheckpointResult {
  readonly report: CheckpointReport;
  readonly summary: CheckpointRunSummary;
}

/**
 * Merges the hash-chain report with the checkpoint report. The log is valid only when both are.
 * Findings keep the chain's first, and at most `maxFindings` are kept in all, so the flag bounds
 * the merged list as it bounds each verifier. Each trail lists its kept findings of both kinds.
 */
export function mergeReports(chain: VerifyReport, checkpoints: CheckpointResult | null, maxFindings: number): MergedReport {
  if (checkpoints === null) return chain;
  const { report, summary } = checkpoints;

  const findingCount = chain.findingCount + report.findingCount;
  const findings = [...chain.findings, ...report.findings].slice(0, maxFindings);
  const chainTrails = new Map(chain.trails.map((trail) => [trail.trail, trail]));
  const checkpointTrails = new Map(report.trails.map((trail) => [trail.trail, trail]));
  const names = [...new Set([...chainTrails.keys(), ...checkpointTrails.keys()])].sort(compareCodePoints);

  const trails = names.map((name): MergedTrailReport => {
    const trailFindings = findings.filter((finding) => finding.trail === name);
    const checkpointSummary = summarize(checkpointTrails.get(name));
    const chainTrail = chainTrails.get(name);
    if (chainTrail !== undefined) return { ...chainTrail, findings: trailFindings, checkpoints: checkpointSummary };
    return {
      trail: name,
      entries: 0,
      firstSequence: null,
      lastSequence: null,
      lastHash: null,
      integrity: null,
      findings: trailFindings,
      checkpoints: checkpointSummary,
    };
  });

  return {
    valid: chain.valid && report.valid,
    entryCount: chain.entryCount,
    trailCount: trails.length,
    findingCount,
    omittedFindings: findingCount - findings.length,
    trails,
    findings,
    checkpoints: { ...summary, checkpointCount: report.checkpointCount, findingCount: report.findingCount },
  };
}

function summarize(trail: CheckpointTrailReport | undefined): TrailCheckpointSummary {
  return {
    count: trail?.checkpoints ?? 0,
    latestTreeSize: trail?.latestTreeSize ?? null,
    verifiedTreeSize: trail?.verifiedTreeSize ?? null,
    prunedBefore: trail?.prunedBefore ?? null,
  };
}
