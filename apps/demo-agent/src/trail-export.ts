import { writeFile } from 'node:fs/promises';
import { parseLosslessJson, serializeEntry, type Store } from '@auditgate/core';

/** Every entry of every trail in a store, as serialized wire lines, trails in name order. */
export interface TrailDump {
  readonly lines: string[];
  readonly entriesPerTrail: Record<string, number>;
}

/** Reads every trail of a store, one trail at a time in sequence order. */
export async function dumpTrails(store: Store): Promise<TrailDump> {
  const lines: string[] = [];
  const entriesPerTrail: Record<string, number> = {};
  for (const trail of (await store.trails()).sort()) {
    const entries = await store.query({ trail });
    entriesPerTrail[trail] = entries.length;
    for (const entry of entries) lines.push(serializeEntry(entry));
  }
  return { lines, entriesPerTrail };
}

/** Parses serialized lines back the way a verifier reads a file, keeping number spellings. */
export function readBack(lines: readonly string[]): unknown[] {
  return lines.map((line) => parseLosslessJson(line));
}

/**
 * Writes the trails in the shared wire form: a JSON array for a `.json` file, JSON Lines for
 * anything else. Both `auditgate verify` and the Python verifier read either form.
 */
export async function writeExport(path: string, lines: readonly string[]): Promise<void> {
  const text = path.endsWith('.json') ? `[\n${lines.join(',\n')}\n]\n` : lines.map((line) => `${line}\n`).join('');
  await writeFile(path, text, 'utf8');
}
