import { Verifier, type EntryLocation, type JsonValue } from '@auditgate/core';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { LineFindings } from './line-findings.js';
import { verifierSink } from './verifier-sink.js';

// A verifier whose checks run out of stack, as a value nested beyond the stack's reach would make them.
class OverflowingVerifier extends Verifier {
  override add(value: unknown, location?: EntryLocation): void {
    super.add(value, location);
    throw new RangeError('Maximum call stack size exceeded');
  }
}

describe('verifierSink', () => {
  it('turns a stack overflow into a finding for the line', () => {
    const verifier = new OverflowingVerifier();
    const lines = new LineFindings(10);
    const sink = verifierSink(verifier, lines, 'log');

    sink.entry({ a: 1 } as JsonValue, { file: 'log', line: 7 });
    const report = lines.mergeInto(verifier.finish());

    expect(report.entryCount).toBe(1);
    expect(report.findings.map((finding) => [finding.kind, finding.location?.line])).toEqual([['malformed', 7], ['malformed', 7]]);
    expect(report.findings[0]!.message).toBe('the entry cannot be checked: Maximum call stack size exceeded, most likely because its values nest too deep');
  });

  it('rejects a document whose check overflows', () => {
    const sink = verifierSink(new OverflowingVerifier(), new LineFindings(10), 'export.json');

    expect(() => sink.document([{ a: 1 }], [{ file: 'export.json', line: 2 }])).toThrow(InputError);
    expect(() => sink.document([{ a: 1 }], [{ file: 'export.json', line: 2 }])).toThrow(/^export\.json: an entry of the document cannot be checked/);
  });

  it('records an unreadable line as a new entry', () => {
    const verifier = new Verifier();
    const lines = new LineFindings(10);

    verifierSink(verifier, lines, 'log').unreadable!({ location: { file: 'log', line: 3 }, message: 'line is not valid JSON' });
    const report = lines.mergeInto(verifier.finish());

    expect(report.entryCount).toBe(1);
    expect(report.findings.map((finding) => finding.message)).toContain('line is not valid JSON');
  });
});
