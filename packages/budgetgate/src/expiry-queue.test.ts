import { describe, expect, it } from 'vitest';

import { ExpiryQueue } from './expiry-queue.js';

describe('ExpiryQueue', () => {
  it('pops in expiry order', () => {
    const queue = new ExpiryQueue();
    const times = [5, 1, 9, 3, 7, 2, 8, 6, 4, 0];
    for (const time of times) {
      queue.push(time, `id${time}`);
    }

    const popped: string[] = [];
    for (let id = queue.popExpired(100); id !== null; id = queue.popExpired(100)) {
      popped.push(id);
    }

    expect(popped).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((time) => `id${time}`));
  });

  it('pops only what has expired', () => {
    const queue = new ExpiryQueue();
    queue.push(10, 'late');
    queue.push(5, 'early');

    expect(queue.popExpired(4.9)).toBeNull();
    expect(queue.popExpired(5)).toBe('early');
    expect(queue.popExpired(9)).toBeNull();
    expect(queue.size).toBe(1);
  });
});
