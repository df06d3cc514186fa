import { describe, expect, it } from 'vitest';

import { CallHistory } from './call-history.js';

describe('CallHistory', () => {
  it('starts empty', () => {
    const history = new CallHistory();

    expect(history.size).toBe(0);
    expect(history.last).toBeNull();
  });

  it('keeps order across wrap-around and growth', () => {
    const history = new CallHistory();
    for (let t = 0; t < 6; t += 1) {
      history.append(t);
    }
    history.dropOlderThan(4);
    for (let t = 6; t < 40; t += 1) {
      history.append(t);
    }

    expect(history.size).toBe(36);
    expect(history.last).toBe(39);
    history.dropOlderThan(39);
    expect(history.size).toBe(1);
    expect(history.last).toBe(39);
  });

  it('keeps a call at exactly the cutoff', () => {
    const history = new CallHistory();
    history.append(10);
    history.append(20);

    history.dropOlderThan(10);
    expect(history.size).toBe(2);

    history.dropOlderThan(10.0001);
    expect(history.size).toBe(1);
  });

  it('drops everything past the last call', () => {
    const history = new CallHistory();
    history.append(1);
    history.append(2);

    history.dropOlderThan(100);

    expect(history.size).toBe(0);
    expect(history.last).toBeNull();
  });
});
