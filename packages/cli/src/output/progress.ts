import type { TextSink } from '../io.js';

/** Milliseconds between two progress updates, so that a fast loop does not flood the terminal. */
const INTERVAL_MS = 250;

/**
 * A one-line progress display on stderr, first drawn 250 ms after it is created and then redrawn
 * at most every 250 ms, so a short run never shows it. It draws nothing unless stderr is a
 * terminal, so piped and captured output never contains it.
 */
export class Progress {
  readonly #sink: TextSink;
  readonly #enabled: boolean;
  #lastDraw = Date.now();
  #drawn = false;

  constructor(sink: TextSink) {
    this.#sink = sink;
    this.#enabled = sink.isTTY === true;
  }

  /** Redraws the line with `text` when the interval has passed; `text` is built only then. */
  update(text: () => string): void {
    if (!this.#enabled) return;
    const now = Date.now();
    if (now - this.#lastDraw < INTERVAL_MS) return;
    this.#lastDraw = now;
    this.#sink.write(`\r\u001b[2K${text()}`);
    this.#drawn = true;
  }

  /** Erases the line, so that the command's own output starts on a clean line. */
  clear(): void {
    if (this.#drawn) this.#sink.write('\r\u001b[2K');
    this.#drawn = false;
  }
}
