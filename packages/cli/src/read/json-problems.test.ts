import { parseLosslessJson } from '@auditgate/core';
import { describe, expect, it } from 'vitest';
import { describeJsonProblem } from './json-problems.js';

function problemOf(text: string) {
  try {
    parseLosslessJson(text);
  } catch (error) {
    return describeJsonProblem(error);
  }
  throw new Error(`${text} parsed`);
}

describe('describeJsonProblem', () => {
  it('quotes the text after an expected token', () => {
    expect(problemOf('{"a":1 "b":2}')).toEqual({ line: 1, column: 8, reason: `expected ',' or '}', found "\\"b\\":2}"` });
  });

  it('quotes at most 12 characters', () => {
    const problem = problemOf(`[1 ${'x'.repeat(40)}]`);

    expect(problem?.reason).toBe(`expected ',' or ']', found "${'x'.repeat(12)}…"`);
  });

  it('quotes from the line of the error', () => {
    expect(problemOf('[\n  1,\n  2 3\n]')).toEqual({ line: 3, column: 5, reason: `expected ',' or ']', found "3"` });
  });

  it('adds no quote at the end of the text', () => {
    expect(problemOf('{"a":')?.reason).toBe('unexpected end of input');
  });

  it('describes a stack overflow without a position', () => {
    const problem = describeJsonProblem(new RangeError('Maximum call stack size exceeded'));

    expect(problem).toEqual({ line: null, column: null, reason: 'Maximum call stack size exceeded, most likely because the values nest too deep' });
  });

  it('returns null for other errors', () => {
    expect(describeJsonProblem(new TypeError('x'))).toBeNull();
  });
});
