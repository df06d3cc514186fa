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

/** The Redis key of one action gate; see {@link KeySpace.actionGate}. */
export interface ActionGateKeys {
  /** Sorted set of allowed calls: score = server time in µs, member = that time, `:` and a unique tag. */
  readonly calls: string;
}

/** The Redis keys of one budget ledger; see {@link KeySpace.budgetLedger}. */
export interface BudgetLedgerKeys {
  /**
   * Hash of the running sums as decimal strings (`spent`, `permanent`, `held`), the ledger's
   * `scale` and last `window` in µs, the latest reservation `forgetAt` in µs, and a `serial`.
   */
  readonly totals: string;
  /** Sorted set of committed spends in the window: score = server time in µs, member = `<serial>:<amount>`. */
  readonly spends: string;
  /** Hash of reservations by id: `held:<amount>:<forgetAt>`, `expired:<forgetAt>` or `settled:<forgetAt>`. */
  readonly holds: string;
  /** Sorted set of reservation ids by their next deadline in µs: expiry while held, then forgetting. */
  readonly deadlines: string;
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
    checkKeyText(trail, 'trail');
    const base = `${this.prefix}{${trail}}:`;
    return {
      entries: `${base}entries`,
      ids: `${base}ids`,
      tail: `${base}tail`,
      anchor: `${base}anchor`,
    };
  }

  /**
   * Returns the key of one action gate, by its identity `namespace:action@principal`. The gate
   * key is the hash tag, as a trail is for trail keys, and the suffixes differ from a trail's,
   * so a gate and a trail with the same name never share a key.
   */
  actionGate(gateKey: string): ActionGateKeys {
    checkKeyText(gateKey, 'gate');
    return { calls: `${this.prefix}{${gateKey}}:actiongate:calls` };
  }

  /** Returns the keys of one budget ledger, by its identity `namespace:resource@principal`, all in one hash tag. */
  budgetLedger(ledgerKey: string): BudgetLedgerKeys {
    checkKeyText(ledgerKey, 'ledger');
    const base = `${this.prefix}{${ledgerKey}}:budgetgate:`;
    return {
      totals: `${base}totals`,
      spends: `${base}spends`,
      holds: `${base}holds`,
      deadlines: `${base}deadlines`,
    };
  }
}

// With the u flag a surrogate pair is one code point, so this matches only unpaired halves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

// Redis receives key names as UTF-8, where every lone surrogate turns into U+FFFD, so two
// different names would share one set of keys.
function checkKeyText(name: string, kind: string): void {
  if (LONE_SURROGATE.test(name)) {
    throw new ValidationError(kind, `${JSON.stringify(name)} contains a lone UTF-16 surrogate, which Redis cannot keep apart from U+FFFD; use well-formed Unicode text`);
  }
}
