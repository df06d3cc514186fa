/** Behaviour of a guarded function when its gate blocks. */
export const Mode = {
  /** Throw the gate's `Blocked` error and do not run the function. */
  HARD: 'HARD',
  /** Run the function anyway. The BLOCK decision is still returned and emitted. */
  SOFT: 'SOFT',
} as const;

/** `'HARD'` or `'SOFT'`. */
export type Mode = (typeof Mode)[keyof typeof Mode];

/** Decision the gate makes when its store throws or rejects. */
export const StoreErrorMode = {
  /** BLOCK with reason STORE_ERROR. */
  FAIL_CLOSED: 'FAIL_CLOSED',
  /** ALLOW with reason STORE_ERROR. */
  FAIL_OPEN: 'FAIL_OPEN',
} as const;

/** `'FAIL_CLOSED'` or `'FAIL_OPEN'`. */
export type StoreErrorMode = (typeof StoreErrorMode)[keyof typeof StoreErrorMode];

/** Tells whether `value` is one of the {@link Mode} strings. */
export function isMode(value: unknown): value is Mode {
  return value === Mode.HARD || value === Mode.SOFT;
}

/** Tells whether `value` is one of the {@link StoreErrorMode} strings. */
export function isStoreErrorMode(value: unknown): value is StoreErrorMode {
  return value === StoreErrorMode.FAIL_CLOSED || value === StoreErrorMode.FAIL_OPEN;
}
