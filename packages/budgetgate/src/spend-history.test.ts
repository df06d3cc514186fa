import { describe, expect, it } from 'vitest';

import { SpendHistory } from './spend-history.js';

describe('SpendHistory', () => {
  it('keeps the total across growth and expiry', () => {
    const history = new SpendHistory();
    for (let t = 0; t < 6; t += 1) {
      history.append(t, 1n);
    }
    history.dropOlderThan(4);
    for (let t = 6; t < 40; t += 1) {
      history.append(t, BigInt(t));
    }

    // Left: times 4 and 5 (1 each) and 6..39.
    const expected = 2n + BigInt(((6 + 39) * 34) / 2);
    expect(history.size).toBe(36);
    expect(history.total).toBe(expected);

    history.dropOlderThan(39);
    expect(history.size).toBe(1);
    expect(history.total).toBe(39n);
  });

  it('keeps a spend at exactly the cutoff', () => {
    const history = new SpendHistory();
    history.append(10, 5n);

    history.dropOlderThan(10);

    expect(history.total).toBe(5n);
  });

  it('takeAll empties and returns the total', () => {
    const history = new SpendHistory();
    history.append(1, 3n);
    history.append(2, 4n);

    expect(history.takeAll()).toBe(7n);
    expect(history.size).toBe(0);
    expect(history.total).toBe(0n);
    expect(history.takeAll()).toBe(0n);
  });
});
