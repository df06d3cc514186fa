/**
 * Tells whether `value` has a callable `then`. Gates use it on a store's return value, because a
 * store may return its outcome directly or as a promise.
 */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
