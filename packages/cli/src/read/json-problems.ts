import { JsonSyntaxError } from '@auditgate/core';

/** Characters of the offending text that a message quotes. */
const QUOTED_CHARS = 24;

/** The reason and position of a JSON parse failure, for messages that name the file. */
export interface JsonProblem {
  /** 1-based line within the parsed text. */
  readonly line: number | null;
  /** 1-based column within that line, or null when the parser could not tell. */
  readonly column: number | null;
  /** The reason, followed by the text found at the error, such as `expected null, found "not json"`. */
  readonly reason: string;
}

/**
 * Describes a parse failure of `text`, or returns null when `error` is not one. A
 * JsonSyntaxError gets its position, and a quote of the text found there when its reason names
 * only what was expected. A RangeError most likely comes from a value nested so deep that the
 * parser ran out of stack before reaching its own depth limit.
 */
export function describeJsonProblem(error: unknown, text: string): JsonProblem | null {
  if (error instanceof JsonSyntaxError) {
    const reason = syntaxReason(error);
    // A reason such as "expected ',' or ']'" names only what the parser expected, so the quote adds what it found.
    const found = reason.startsWith('expected') && !reason.includes(' found ') ? foundAt(text, error.line, error.column) : null;
    return { line: error.line, column: error.column, reason: found === null ? reason : `${reason}, found ${found}` };
  }
  if (error instanceof RangeError) {
    return { line: null, column: null, reason: `${error.message}, most likely because the values nest too deep` };
  }
  return null;
}

// The error's own message starts with its position, which callers put first in their own form.
function syntaxReason(error: JsonSyntaxError): string {
  return error.message.replace(/^invalid JSON at line \d+, column \d+: /, '');
}

// Quotes the text from the error's column on, or returns null at the end of the text.
function foundAt(text: string, line: number, column: number): string | null {
  let lineStart = 0;
  for (let current = 1; current < line; current++) {
    const newline = text.indexOf('\n', lineStart);
    if (newline < 0) return null;
    lineStart = newline + 1;
  }
  const lineEnd = text.indexOf('\n', lineStart);
  const rest = text.slice(lineStart + column - 1, lineEnd < 0 ? text.length : lineEnd).trimEnd();
  if (rest === '') return null;
  return rest.length > QUOTED_CHARS ? `${JSON.stringify(rest.slice(0, QUOTED_CHARS))}...` : JSON.stringify(rest);
}
