import { describe, expect, it } from 'vitest';

import { errorMessage } from './error-message.js';

describe('errorMessage', () => {
  it('returns the message of an Error', () => {
    expect(errorMessage(new TypeError('connection refused'))).toBe('connection refused');
  });

  it.each([
    ['text', 'text'],
    [42, '42'],
    [undefined, 'undefined'],
    [null, 'null'],
  ])('stringifies the thrown value %j', (thrown, expected) => {
    expect(errorMessage(thrown)).toBe(expected);
  });
});
