import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue.js';

/** A promise and the function that resolves it, so that a test decides when a task finishes. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('SerialQueue', () => {
  it('runs tasks of one key in order, one at a time', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    const first = gate();

    const a = queue.run('k', async () => {
      events.push('a start');
      await first.promise;
      events.push('a end');
    });
    const b = queue.run('k', async () => {
      events.push('b');
    });
    await Promise.resolve();
    expect(events).toEqual(['a start']);

    first.open();
    await Promise.all([a, b]);
    expect(events).toEqual(['a start', 'a end', 'b']);
  });

  it('failed task does not block the next', async () => {
    const queue = new SerialQueue();

    const failed = queue.run('k', async () => {
      throw new Error('disk full');
    });
    const next = queue.run('k', async () => 'ran');

    await expect(failed).rejects.toThrow('disk full');
    expect(await next).toBe('ran');
  });

  it('keys run concurrently', async () => {
    const queue = new SerialQueue();
    const held = gate();

    const blocked = queue.run('a', () => held.promise);
    const other = await queue.run('b', async () => 'done');

    expect(other).toBe('done');
    held.open();
    await blocked;
  });

  it('idle waits for every queued task', async () => {
    const queue = new SerialQueue();
    const held = gate();
    let finished = false;
    void queue.run('a', async () => {
      await held.promise;
      finished = true;
    });

    const idle = queue.idle();
    held.open();
    await idle;

    expect(finished).toBe(true);
  });
});
