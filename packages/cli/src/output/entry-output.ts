import { resolve } from 'node:path';
import { serializeEntry, type AuditEntry } from '@auditgate/core';
import type { CliIo } from '../io.js';
import { TextWriter } from './text-writer.js';

/** `json`: one JSON array; `jsonl`: one entry per line. */
export type EntryFormat = 'json' | 'jsonl';

/**
 * Picks the output format. An `--out` file ending in `.json` gets a JSON array, and any other
 * file gets JSON Lines. Stdout gets a JSON array with `--json` and JSON Lines without.
 */
export function entryFormat(out: string | undefined, json: boolean): EntryFormat {
  if (out === undefined) return json ? 'json' : 'jsonl';
  return out.toLowerCase().endsWith('.json') ? 'json' : 'jsonl';
}

/**
 * Writes entries in their serialized form (ASCII canonical JSON, which Python reads back to the
 * same hashes) as a JSON array or as JSON Lines, to a file or to stdout.
 */
export class EntryOutput {
  #count = 0;

  private constructor(
    private readonly writer: TextWriter,
    readonly format: EntryFormat,
  ) {}

  /**
   * Opens `out` (relative to the working directory), or stdout when it is undefined.
   *
   * @throws {InputError} when the file cannot be created.
   */
  static async open(out: string | undefined, format: EntryFormat, io: CliIo): Promise<EntryOutput> {
    const writer = out === undefined ? new TextWriter(io.stdout) : await TextWriter.toFile(resolve(io.cwd, out), out);
    if (format === 'json') await writer.write('[');
    return new EntryOutput(writer, format);
  }

  get count(): number {
    return this.#count;
  }

  async add(entry: AuditEntry): Promise<void> {
    const line = serializeEntry(entry);
    if (this.format === 'jsonl') await this.writer.write(`${line}\n`);
    else await this.writer.write(`${this.#count === 0 ? '\n' : ',\n'}${line}`);
    this.#count++;
  }

  /** Ends the array, if any, and closes a file. */
  async close(): Promise<void> {
    if (this.format === 'json') await this.writer.write(this.#count === 0 ? ']\n' : '\n]\n');
    await this.writer.close();
  }
}
