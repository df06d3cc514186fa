import { Trail } from './trail.js';

/** Most trail strings the cache keeps; past that it starts over, which only costs re-parsing. */
const MAX_CACHED_TRAILS = 10_000;

/** Parses each trail string once; callers on a hot path pass the same few strings again and again. */
export class TrailCache {
  readonly #parsed = new Map<string, Trail>();

  /** @throws {ValidationError} when `trail` is a string that is not a valid trail. */
  get(trail: Trail | string): Trail {
    if (trail instanceof Trail) return trail;
    let parsed = this.#parsed.get(trail);
    if (parsed === undefined) {
      parsed = Trail.parse(trail);
      if (this.#parsed.size >= MAX_CACHED_TRAILS) this.#parsed.clear();
      this.#parsed.set(trail, parsed);
    }
    return parsed;
  }
}
