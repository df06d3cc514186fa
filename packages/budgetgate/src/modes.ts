/** Behaviour of a guarded function when its gate blocks. */
export const Mode = {
  /** Throw {@link Blocked} and do not run the function. */
  HARD: 'HARD',
  /** Run the function anyway. The BLOCK decision is still returned and emitted. */
  SOFT: 'SOFT',
} as const;

/** `'HARD'` or `'SOFT'`. */
export type Mode = (typeof Mode)[keyof typeof Mode];

/** Decision the gate makes when its store throws or rejects during a check or reservation. */
export const StoreErrorMode = {
  /** BLOCK with reason STORE_ERROR. */
  FAIL_CLOSED: 'FAIL_CLOSED',
  /** ALLOW with reason STORE_ERROR. */
  FAIL_OPEN: 'FAIL_OPEN',
} as const;

/** `'FAIL_CLOSED'` or `'FAIL_OPEN'`. */
export type StoreErrorMode = (typeof StoreErrorMode)[keyof typeof StoreErrorMode];
