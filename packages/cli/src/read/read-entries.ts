import { createInterface } from 'node:readline';
import { AuditgateError, LosslessNumber, parseLosslessJson, type EntryLocation, type JsonValue } from '@auditgate/core';
import { InputError } from '../errors.js';
import { arrayElementLines } from './array-lines.js';
import { describeJsonProblem, type JsonProblem } from './json-problems.js';
import type { Input } from './open-input.js';

/** The format of an input. */
export type InputFormat = 'jsonl' | 'array' | 'object' | 'empty';

/** A line of JSON Lines, after the line that set the format, that is not JSON. */
export interface UnreadableLine {
  readonly location: EntryLocation;
  /** The problem, with the column when the parser gives one, such as `line is not valid JSON at column 1: ...`. */
  readonly message: string;
}

/** Receives what {@link readEntries} reads. */
export interface EntrySink {
  /** One JSON Lines entry, in file order, as soon as its line is read. */
  entry(value: JsonValue, location: EntryLocation): void;
  /** Every entry of a JSON document (an array, or one object), with one location per value. */
  document(values: readonly JsonValue[], locations: readonly EntryLocation[]): void;
  /**
   * A JSON Lines line that is not JSON, in file order. A sink without this method gets an
   * InputError for such a line instead, which ends the read.
   */
  unreadable?(line: UnreadableLine): void;
}

export interface ReadSummary {
  readonly format: InputFormat;
  /** Values read, plus the JSON Lines lines that were not JSON, since each should have been an entry. */
  readonly entries: number;
}

const BYTE_ORDER_MARK = '\ufeff';

/**
 * Reads an input as JSON Lines (one entry per line, streamed), a JSON array of entries, or one
 * entry object, telling them apart by content. The first non-blank line decides. If it starts
 * with `{` and parses alone, the input is JSON Lines. Otherwise the input is read whole as one
 * JSON document. Blank lines in JSON Lines are skipped. A later line of JSON Lines that is not
 * JSON goes to `sink.unreadable` when the sink has that method.
 *
 * @param onLine called after each line, with the number of lines read.
 * @throws {InputError} naming the input, line and column of broken JSON (a JSON Lines line only
 *   when the sink has no `unreadable`), or a document that is neither an array nor an object.
 */
export async function readEntries(input: Input, sink: EntrySink, onLine?: (lines: number) => void): Promise<ReadSummary> {
  const lines = createInterface({ input: input.stream, crlfDelay: Infinity });
  let format: 'unknown' | 'jsonl' | 'document' = 'unknown';
  const documentLines: string[] = [];
  let lineNumber = 0;
  let entries = 0;

  try {
    for await (const raw of lines) {
      lineNumber++;
      const text = lineNumber === 1 && raw.startsWith(BYTE_ORDER_MARK) ? raw.slice(1) : raw;
      onLine?.(lineNumber);

      if (format === 'document') {
        documentLines.push(text);
        continue;
      }
      const trimmed = text.trim();
      if (format === 'unknown') {
        documentLines.push(text);
        if (trimmed === '') continue;
        format = startsJsonLines(trimmed, input.name, lineNumber) ? 'jsonl' : 'document';
        if (format === 'document') continue;
        documentLines.length = 0;
      }

      if (trimmed === '') continue;
      entries++;
      const location = { file: input.name, line: lineNumber };
      const parsed = parseLine(text);
      if (!('problem' in parsed)) sink.entry(parsed.value, location);
      else if (sink.unreadable !== undefined) sink.unreadable({ location, message: lineMessage(parsed.problem) });
      else throw lineError(parsed.problem, input.name, lineNumber);
    }
  } catch (error) {
    if (error instanceof AuditgateError) throw error;
    if (error instanceof RangeError) {
      throw new InputError(`${input.name}:${lineNumber}: line ${lineNumber} cannot be processed: ${error.message}, most likely because its values nest too deep`, { cause: error });
    }
    throw new InputError(`${input.name}: read failed after line ${lineNumber}: ${(error as Error).message}`, { cause: error });
  } finally {
    lines.close();
    await input.close();
  }

  if (format === 'jsonl') return { format, entries };
  if (format === 'unknown') return { format: 'empty', entries: 0 };
  return readDocument(documentLines.join('\n'), input.name, sink);
}

// A first line that starts like an object but does not parse alone is the start of a
// pretty-printed object, unless it also ends like one: then it is a broken JSON line.
function startsJsonLines(trimmed: string, name: string, lineNumber: number): boolean {
  if (!trimmed.startsWith('{')) return false;
  const parsed = parseLine(trimmed);
  if (!('problem' in parsed)) return true;
  if (trimmed.endsWith('}')) throw lineError(parsed.problem, name, lineNumber);
  return false;
}

function parseLine(text: string): { value: JsonValue } | { problem: JsonProblem } {
  try {
    return { value: parseLosslessJson(text) };
  } catch (error) {
    const problem = describeJsonProblem(error);
    if (problem === null) throw error;
    return { problem };
  }
}

function lineMessage(problem: JsonProblem): string {
  const column = problem.column === null ? '' : ` at column ${problem.column}`;
  return `line is not valid JSON${column}: ${problem.reason}`;
}

function lineError(problem: JsonProblem, name: string, lineNumber: number): InputError {
  const position = problem.column === null ? `${lineNumber}` : `${lineNumber}:${problem.column}`;
  return new InputError(`${name}:${position}: line ${lineNumber} is not valid JSON: ${problem.reason}`);
}

function readDocument(text: string, name: string, sink: EntrySink): ReadSummary {
  let value: JsonValue;
  try {
    value = parseLosslessJson(text);
  } catch (error) {
    const problem = describeJsonProblem(error);
    if (problem === null) throw error;
    const position = problem.line === null ? '' : `:${problem.line}:${problem.column}`;
    throw new InputError(`${name}${position}: invalid JSON: ${problem.reason}`, { cause: error });
  }

  if (Array.isArray(value)) {
    const lines = arrayElementLines(text);
    sink.document(value, value.map((_value, i) => ({ file: name, line: lines[i] ?? 1 })));
    return { format: 'array', entries: value.length };
  }
  if (typeof value === 'object' && value !== null && !(value instanceof LosslessNumber)) {
    const line = text.split('\n').findIndex((line) => line.trim() !== '') + 1;
    sink.document([value], [{ file: name, line }]);
    return { format: 'object', entries: 1 };
  }
  throw new InputError(
    `${name}: expected a JSON array of entries, one entry object, or JSON Lines, but the file contains ${describeTopLevel(value)}`,
  );
}

function describeTopLevel(value: JsonValue): string {
  if (value === null) return 'null';
  if (value instanceof LosslessNumber) return `the number ${value.text}`;
  if (typeof value === 'string') return 'a string';
  return `the ${typeof value} ${String(value)}`;
}
