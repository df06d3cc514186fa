import { Verifier, type Finding, type VerifyReport } from '@auditgate/core';
import { describe, expect, it } from 'vitest';
import { LineFindings } from './line-findings.js';

// Findings of core's Verifier for values that are not entries: one each, in the order added.
function reportWith(lines: readonly number[], maxFindings = 1000): VerifyReport {
  const verifier = new Verifier({ maxFindings });
  for (const line of lines) verifier.add(42, { file: 'log', line });
  return verifier.finish();
}

function lineOf(finding: Finding): number | undefined {
  return finding.location?.line;
}

describe('LineFindings', () => {
  it('leaves a report without line findings unchanged', () => {
    const report = reportWith([1]);

    expect(new LineFindings(10).mergeInto(report)).toBe(report);
  });

  it('places findings in reading order', () => {
    const lines = new LineFindings(10);
    lines.add({ file: 'log', line: 1 }, 'line is not valid JSON', 0, true);
    lines.add({ file: 'log', line: 3 }, 'line is not valid JSON', 1, true);

    const merged = lines.mergeInto(reportWith([2, 4]));

    expect(merged.findings.map(lineOf)).toEqual([1, 2, 3, 4]);
    expect(merged.findings[0]).toEqual({ kind: 'malformed', trail: null, sequence: null, location: { file: 'log', line: 1 }, message: 'line is not valid JSON' });
    expect(merged.findingCount).toBe(4);
    expect(merged.entryCount).toBe(4);
    expect(merged.valid).toBe(false);
  });

  it('counts a line the verifier counted once', () => {
    const lines = new LineFindings(10);
    lines.add({ file: 'log', line: 2 }, 'the entry cannot be checked', 1, false);

    expect(lines.mergeInto(reportWith([1, 2])).entryCount).toBe(2);
  });

  it('keeps maxFindings in all', () => {
    const lines = new LineFindings(2);
    lines.add({ file: 'log', line: 1 }, 'line is not valid JSON', 0, true);
    lines.add({ file: 'log', line: 2 }, 'line is not valid JSON', 0, true);
    lines.add({ file: 'log', line: 3 }, 'line is not valid JSON', 0, true);

    const merged = lines.mergeInto(reportWith([4, 5], 2));

    expect(merged.findings.map(lineOf)).toEqual([1, 2]);
    expect(merged.findingCount).toBe(5);
    expect(merged.omittedFindings).toBe(3);
    expect(lines.count).toBe(3);
  });

  it('drops trail findings cut from the merged list', () => {
    const verifier = new Verifier({ maxFindings: 1 });
    verifier.add({ trail: 'a:b@c', sequence: 0 }, { file: 'log', line: 2 });
    const report = verifier.finish();
    const lines = new LineFindings(1);
    lines.add({ file: 'log', line: 1 }, 'line is not valid JSON', 0, true);

    const merged = lines.mergeInto(report);

    expect(report.trails[0]!.findings).toHaveLength(1);
    expect(merged.trails[0]!.findings).toEqual([]);
    expect(merged.findings.map(lineOf)).toEqual([1]);
  });
});
