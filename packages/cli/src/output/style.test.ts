import { describe, expect, it, vi } from 'vitest';
import { CapturedText } from '../testing/run-cli.js';
import { Progress } from './progress.js';
import { styleFor } from './style.js';

describe('styleFor', () => {
  it('colours a terminal', () => {
    const style = styleFor(new CapturedText(true), { env: {} });

    expect(style.enabled).toBe(true);
    expect(style.red('bad')).toBe('\u001b[31mbad\u001b[39m');
  });

  it('leaves a pipe plain', () => {
    expect(styleFor(new CapturedText(false), { env: {} }).red('bad')).toBe('bad');
  });

  it('honours NO_COLOR on a terminal', () => {
    expect(styleFor(new CapturedText(true), { env: { NO_COLOR: '1' } }).enabled).toBe(false);
    expect(styleFor(new CapturedText(true), { env: { NO_COLOR: '' } }).enabled).toBe(true);
  });
});

describe('Progress', () => {
  it('draws on a terminal after the interval and clears its line', () => {
    vi.useFakeTimers();
    try {
      const sink = new CapturedText(true);
      const progress = new Progress(sink);
      progress.update(() => 'verifying: 1 entry');
      vi.advanceTimersByTime(300);
      progress.update(() => 'verifying: 10 entries');
      progress.update(() => 'verifying: 11 entries');
      progress.clear();

      // The first update comes too early and the third falls inside the redraw interval.
      expect(sink.text).toBe('\r\u001b[2Kverifying: 10 entries\r\u001b[2K');
    } finally {
      vi.useRealTimers();
    }
  });

  it('draws nothing when stderr is not a terminal', () => {
    const sink = new CapturedText(false);
    const progress = new Progress(sink);
    progress.update(() => 'verifying');
    progress.clear();

    expect(sink.text).toBe('');
  });
});
