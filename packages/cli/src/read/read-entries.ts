import { createInterface } from 'node:readline';
import { JsonSyntaxError, LosslessNumber, parseLosslessJson, type EntryLocation, type JsonValue } from '@auditgate/core';
import { InputError } from '../errors.js';
import { arrayElementLines } from './array-lines.js';
import type { Input } from './open-input.js';

/** The format of an input. */
export type InputFormat = 'jsonl' | 'array' | 'object' | 'empty';

/** Receives what {@link readEntries} reads. */
export interface EntrySink {
  /** One JSON Lines entry, in file order, as soon as its line is read. */
  entry(value: JsonValue, location: EntryLocation): void;
  /** Every entry of a JSON document (an array, or one object), with one location per value. */
  document(values: readonly JsonValue[], locations: readonly EntryLocation[]): void;
}

export interface ReadSummary {
  readonly format: InputFormat;
  readonly entries: number;
}

const BYTE_ORDER_MARK = '\ufeff';

/**
 * Reads an input as JSON Lines (one entry per line, streamed), a JSON array of entries, or one
 * entry object, telling them apart by content. The first non-blank line decides. If it starts
 * with `{` and parses alone, the input is JSON Lines. Otherwise the input is read whole as one
 * JSON document. Blank lines in JSON Lines are skipped.
 *
 * @param onLine called after each line, with the number of lines read.
 * @throws {InputError} naming the input, line and column of broken JSON, or a document that is
 *   neither an array nor an object.
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
      sink.entry(parseLine(text, input.name, lineNumber), { file: input.name, line: lineNumber });
      entries++;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
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
  try {
    parseLosslessJson(trimmed);
    return true;
  } catch (error) {
    if (error instanceof JsonSyntaxError && trimmed.endsWith('}')) parseLine(trimmed, name, lineNumber);
    return false;
  }
}

function parseLine(text: string, name: string, lineNumber: number): JsonValue {
  try {
    return parseLosslessJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new InputError(`${name}:${lineNumber}:${error.column}: line ${lineNumber} is not valid JSON: ${syntaxReason(error)}`, { cause: error });
  }
}

function readDocument(text: string, name: string, sink: EntrySink): ReadSummary {
  let value: JsonValue;
  try {
    value = parseLosslessJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw new InputError(`${name}:${error.line}:${error.column}: invalid JSON: ${syntaxReason(error)}`, { cause: error });
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

// The error's own message starts with its position, which the caller puts first in its own form.
function syntaxReason(error: JsonSyntaxError): string {
  return error.message.replace(/^invalid JSON at line \d+, column \d+: /, '');
}

function describeTopLevel(value: JsonValue): string {
  if (value === null) return 'null';
  if (value instanceof LosslessNumber) return `the number ${value.text}`;
  if (typeof value === 'string') return 'a string';
  return `the ${typeof value} ${String(value)}`;
}
