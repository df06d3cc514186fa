// Builders of logs for the CLI's tests, recorded through the real Engine and MemoryStore.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { Engine, serializeEntry, type AuditEntry, type AuditPolicy } from '@auditgate/core';
import { MemoryStore } from '@auditgate/store-memory';
import { afterAll } from 'vitest';

export const BILLING = 'billing:actiongate@user:42';
export const SEARCH = 'search:rulegate@global';

/**
 * Records `count` entries into each of two trails, alternating between them, with a clock
 * that advances a quarter second per entry, and fills `store` when one is given.
 */
export async function recordLog(count = 4, policy: Partial<AuditPolicy> = { integrity: 'CHAIN' }, store = new MemoryStore()): Promise<AuditEntry[]> {
  let now = 1_700_000_000;
  const engine = new Engine({ store, clock: () => (now += 0.25), recordedBy: 'cli-test' });
  engine.register(BILLING, policy);
  engine.register(SEARCH, policy);

  for (let i = 0; i < count; i++) {
    await engine.record({ trail: BILLING, verdict: i % 2 === 0 ? 'ALLOW' : 'BLOCK', gateType: 'actiongate', gateIdentity: 'billing:refund@user:42', reason: i % 2 === 0 ? null : 'RATE_LIMIT', detail: { calls: i, amount: 12.5 } });
    await engine.record({ trail: SEARCH, verdict: 'ALLOW', severity: 'DEBUG', gateType: 'rulegate', gateIdentity: 'search:query@global', detail: { rules: ['no_pii'], i } });
  }
  return store.query();
}

/** Serializes entries as JSON Lines text, one entry per line. */
export function toJsonLines(entries: readonly AuditEntry[]): string {
  return entries.map((entry) => `${serializeEntry(entry)}\n`).join('');
}

/** Serializes entries as a JSON array laid out like Python's json.dump(indent=2) output. */
export function toJsonArray(entries: readonly AuditEntry[]): string {
  return `[\n${entries.map((entry) => `  ${serializeEntry(entry)}`).join(',\n')}\n]\n`;
}

/**
 * Creates a fresh temporary directory, removed after the calling test file, and returns a
 * function that writes files into it.
 */
export function tempFiles(): { dir: string; write(name: string, text: string): string } {
  const dir = mkdtempSync(join(tmpdir(), 'auditgate-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}

/** Returns the read-only folder of shared vectors beside the repository, or AUDITGATE_SHARED when set. */
export function sharedDir(): string {
  const fromEnv = process.env.AUDITGATE_SHARED;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const candidate = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared');
  if (!existsSync(candidate)) throw new Error(`shared folder not found at ${candidate}; set AUDITGATE_SHARED to its path`);
  return candidate;
}

/** Reads the lines of the shared canonical-JSON vectors file, exactly as Python wrote them. */
export function vectorLines(): string[] {
  return readFileSync(join(sharedDir(), 'vectors/canonical-vectors.jsonl'), 'latin1')
    .split('\n')
    .filter((line) => line.trim() !== '');
}
