import { describe, expect, it } from 'vitest';

import { isPromiseLike } from './promise-like.js';

describe('isPromiseLike', () => {
  it('accepts promises and thenables', () => {
    expect(isPromiseLike(Promise.resolve(1))).toBe(true);
    expect(isPromiseLike({ then: () => undefined })).toBe(true);
  });

  it.each([null, undefined, 0, 'then', {}, { then: 1 }])('rejects %j', (value) => {
    expect(isPromiseLike(value)).toBe(false);
  });
});
