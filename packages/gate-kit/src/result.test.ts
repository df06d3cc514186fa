import { describe, expect, it } from 'vitest';

import { errResult, okResult, type Result } from './result.js';

const decision = { status: 'ALLOW' } as const;

describe('okResult', () => {
  it('holds the value and the decision', () => {
    const result = okResult(42, decision);

    expect(result.ok).toBe(true);
    expect(result.value).toBe(42);
    expect(result.decision).toBe(decision);
    expect(result.error).toBeUndefined();
  });

  it('unwraps to the value', () => {
    const result = okResult('sent', decision);

    expect(result.unwrap()).toBe('sent');
    expect(result.unwrapOr('fallback')).toBe('sent');
  });
});

describe('errResult', () => {
  it('holds the decision and the error', () => {
    const stop = new Error('blocked');
    const result = errResult<number, typeof decision, Error>(decision, stop);

    expect(result.ok).toBe(false);
    expect(result.value).toBeUndefined();
    expect(result.decision).toBe(decision);
    expect(result.error).toBe(stop);
  });

  it('unwrap throws the error that stopped the call', () => {
    const stop = new RangeError('vetoed');
    const result = errResult<number, typeof decision, RangeError>(decision, stop);

    expect(() => result.unwrap()).toThrow(stop);
    expect(result.unwrapOr('fallback')).toBe('fallback');
  });
});

describe('Result', () => {
  it('narrows on ok', () => {
    const results: Result<number, typeof decision, Error>[] = [okResult(1, decision), errResult(decision, new Error('x'))];
    const values = results.map((result) => (result.ok ? result.value : result.error.message));

    expect(values).toEqual([1, 'x']);
  });
});
