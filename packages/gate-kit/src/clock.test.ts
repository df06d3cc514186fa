import { describe, expect, it } from 'vitest';

import { ManualClock, systemClock } from './clock.js';

describe('ManualClock', () => {
  it('moves only when told', () => {
    const clock = new ManualClock(100);

    expect(clock.now()).toBe(100);
    clock.advance(0.25);
    expect(clock.now()).toBe(100.25);
    clock.set(7);
    expect(clock.now()).toBe(7);
  });

  it('rejects non-finite readings', () => {
    const clock = new ManualClock();

    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => clock.set(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => new ManualClock(Number.NaN)).toThrow(RangeError);
  });
});

describe('systemClock', () => {
  it('reads epoch seconds', () => {
    expect(Math.abs(systemClock.now() - Date.now() / 1000)).toBeLessThan(1);
  });

  it('never goes backwards', () => {
    let previous = systemClock.now();
    for (let i = 0; i < 1000; i += 1) {
      const current = systemClock.now();
      expect(current).toBeGreaterThanOrEqual(previous);
      previous = current;
    }
  });
});
