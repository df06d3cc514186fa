import type { EntryLocation, Finding, VerifyReport } from '@auditgate/core';

/** A finding and the number of verifier findings made before it, which fixes its place. */
interface PlacedFinding {
  readonly finding: Finding;
  readonly position: number;
}

/**
 * Collects `malformed` findings for JSON Lines lines that core's Verifier could not check: lines
 * that are not JSON, and lines whose check ran out of stack. Each finding keeps its place among
 * the verifier's findings, so the merged list stays in the order the lines were read.
 */
export class LineFindings {
  readonly #placed: PlacedFinding[] = [];
  #count = 0;
  #entries = 0;

  constructor(private readonly maxFindings: number) {}

  /** Findings recorded so far, including the ones past `maxFindings`. */
  get count(): number {
    return this.#count;
  }

  /**
   * Records a `malformed` finding for one line.
   *
   * @param position the verifier's finding count when the line was read.
   * @param countsAsEntry false when the verifier already counted the line before it failed.
   */
  add(location: EntryLocation, message: string, position: number, countsAsEntry: boolean): void {
    this.#count++;
    if (countsAsEntry) this.#entries++;
    // A finding past the first maxFindings of its own kind cannot be among the first
    // maxFindings of the merged list either.
    if (this.#placed.length >= this.maxFindings) return;
    const finding: Finding = { kind: 'malformed', trail: null, sequence: null, location, message };
    this.#placed.push({ finding, position });
  }

  /**
   * Returns `report` with these findings merged in: counted, placed in reading order, and cut
   * to `maxFindings` in all. Each trail keeps only its findings that the merged list kept.
   */
  mergeInto(report: VerifyReport): VerifyReport {
    if (this.#count === 0) return report;

    const merged: Finding[] = [];
    let next = 0;
    for (const { finding, position } of this.#placed) {
      while (next < position && next < report.findings.length) merged.push(report.findings[next++]!);
      merged.push(finding);
    }
    merged.push(...report.findings.slice(next));
    const findings = merged.slice(0, this.maxFindings);

    const keptFindings = new Set(findings);
    const findingCount = report.findingCount + this.#count;
    return {
      valid: false,
      entryCount: report.entryCount + this.#entries,
      trailCount: report.trailCount,
      findingCount,
      omittedFindings: findingCount - findings.length,
      trails: report.trails.map((trail) => ({ ...trail, findings: trail.findings.filter((finding) => keptFindings.has(finding)) })),
      findings,
    };
  }
}
