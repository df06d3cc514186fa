import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { InputError } from '../errors.js';
import type { TextSink } from '../io.js';

/** Characters collected before one write, so that a million short lines become few writes. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Buffers text for a sink, and waits for a 'drain' event when the sink's write returns false,
 * so that writing a large export to a slow pipe or disk keeps memory bounded.
 */
export class TextWriter {
  #pending = '';

  constructor(readonly sink: TextSink) {}

  /** Opens `path` for writing, replacing any file there. */
  static async toFile(path: string, name: string): Promise<TextWriter> {
    const stream = createWriteStream(path);
    try {
      await once(stream, 'open');
    } catch (error) {
      throw new InputError(`--out ${name}: cannot write the file: ${(error as Error).message}`, { cause: error });
    }
    return new TextWriter(stream);
  }

  async write(text: string): Promise<void> {
    this.#pending += text;
    if (this.#pending.length >= CHUNK_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#pending === '') return;
    const text = this.#pending;
    this.#pending = '';
    const accepted = this.sink.write(text);
    const stream = this.sink as Partial<WriteStream>;
    if (accepted === false && typeof stream.once === 'function') await once(stream as WriteStream, 'drain');
  }

  /** Flushes, and for a file, closes it and waits until its data is written. */
  async close(): Promise<void> {
    await this.flush();
    const stream = this.sink as Partial<WriteStream>;
    if (typeof stream.end === 'function' && typeof stream.path === 'string') {
      stream.end();
      await once(stream as WriteStream, 'finish');
    }
  }
}
