import { ValidationError } from '@auditgate/core';

/** The key prefix of stores that were given none. */
export const DEFAULT_KEY_PREFIX = 'auditgate:';

/**
 * The Redis keys of one trail. Every key wraps the trail in one hash tag, `{<trail>}`, so a
 * trail lives in one Redis Cluster slot and one Lua script may touch all of its keys. A trail
 * that contains `}` ends its tag early, but its keys still share the tag because they share the
 * text up to it. No suffix ends with another suffix, so two trails never map to the same key.
 */
export interface TrailKeys {
  /** Sorted set of entries: score = ts, member = 16-digit sequence followed by the entry's JSON. */
  readonly entries: string;
  /** Sorted set of record ids: score = sequence, for idempotent appends. */
  readonly ids: string;
  /** Hash with fields seq, hash and ts of the newest entry; survives pruning. */
  readonly tail: string;
  /** Hash with fields seq, hash and ts of the last entry that pruning removed. */
  readonly anchor: string;
}

/**
 * Builds the key names of a store from its prefix. The set of known trails lives outside every
 * hash tag, so in a cluster it sits in its own slot and is written with a separate command.
 */
export class KeySpace {
  /** Set of trail strings that were ever appended to and not cleared since. */
  readonly trails: string;

  /** @throws {ValidationError} when the prefix is not a string or contains `{` or `}`. */
  constructor(readonly prefix: string = DEFAULT_KEY_PREFIX) {
    if (typeof prefix !== 'string') {
      throw new ValidationError('keyPrefix', `expected a string, got ${typeof prefix}`);
    }
    // A brace in the prefix would become the hash tag and put every trail into one slot.
    if (prefix.includes('{') || prefix.includes('}')) {
      throw new ValidationError('keyPrefix', `${JSON.stringify(prefix)} must not contain "{" or "}", which Redis Cluster reads as a hash tag`);
    }
    this.trails = `${prefix}trails`;
  }

  /** Returns the keys of one trail. */
  trail(trail: string): TrailKeys {
    const base = `${this.prefix}{${trail}}:`;
    return {
      entries: `${base}entries`,
      ids: `${base}ids`,
      tail: `${base}tail`,
      anchor: `${base}anchor`,
    };
  }
}
