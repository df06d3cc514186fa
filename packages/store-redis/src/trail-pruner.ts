import type { KeySpace } from './keys.js';
import { decodeMember } from './member.js';
import type { RedisClient, ScriptCaller } from './scripts.js';

/** Entries one prune step removes, so that no single script blocks Redis for long. */
const PRUNE_STEP = 1000;

/**
 * Removes old entries from trails. Each step reads its boundary (the last entry the step removes)
 * and then runs PRUNE_SCRIPT, which removes the entries up to it, deletes their record ids and
 * stores it as the anchor together. Reading the boundary here keeps JSON parsing out of Lua.
 */
export class TrailPruner {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: KeySpace,
    private readonly pruneScript: ScriptCaller,
  ) {}

  /** Removes the trail's entries with ts < before and returns how many went. */
  async prune(trail: string, before: number): Promise<number> {
    const keys = this.keys.trail(trail);
    const bound = `(${before}`;
    let removed = 0;

    for (;;) {
      // The PRUNE_STEP-th old entry, or else the last old one.
      let found = await this.client.zrangebyscore(keys.entries, '-inf', bound, 'LIMIT', PRUNE_STEP - 1, 1);
      if (found.length === 0) found = await this.client.zrevrangebyscore(keys.entries, bound, '-inf', 'LIMIT', 0, 1);
      const boundary = found[0];
      if (boundary === undefined) return removed;

      const entry = decodeMember(boundary);
      const args = [boundary, String(entry.sequence), entry.entryHash ?? '', String(entry.ts)];
      const step = Number(await this.pruneScript([keys.entries, keys.ids, keys.anchor], args));
      // -1 means another process pruned or cleared past this boundary meanwhile, so look again.
      if (step > 0) removed += step;
    }
  }
}
