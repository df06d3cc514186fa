import { JsonSyntaxError } from '@auditgate/core';

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
 * Describes a parse failure, or returns null when `error` is not one. A JsonSyntaxError keeps
 * its position and its reason, which quotes the text found there. A RangeError most likely comes from a value nested so deep that the
 * parser ran out of stack before reaching its own depth limit.
 */
export function describeJsonProblem(error: unknown): JsonProblem | null {
  if (error instanceof JsonSyntaxError) {
    // The parser's reason already quotes what it found there.
    return { line: error.line, column: error.column, reason: syntaxReason(error) };
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
