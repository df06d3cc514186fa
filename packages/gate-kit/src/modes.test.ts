import { describe, expect, it } from 'vitest';

import { isMode, isStoreErrorMode, Mode, StoreErrorMode } from './modes.js';

describe('Mode', () => {
  it('maps each name to itself', () => {
    expect(Mode).toEqual({ HARD: 'HARD', SOFT: 'SOFT' });
    expect(StoreErrorMode).toEqual({ FAIL_CLOSED: 'FAIL_CLOSED', FAIL_OPEN: 'FAIL_OPEN' });
  });
});

describe('isMode', () => {
  it.each(['HARD', 'SOFT'])('accepts %j', (value) => {
    expect(isMode(value)).toBe(true);
  });

  it.each(['hard', 'FAIL_OPEN', '', null, undefined, 1])('rejects %j', (value) => {
    expect(isMode(value)).toBe(false);
  });
});

describe('isStoreErrorMode', () => {
  it.each(['FAIL_CLOSED', 'FAIL_OPEN'])('accepts %j', (value) => {
    expect(isStoreErrorMode(value)).toBe(true);
  });

  it.each(['fail_open', 'HARD', '', null, undefined, 0])('rejects %j', (value) => {
    expect(isStoreErrorMode(value)).toBe(false);
  });
});
