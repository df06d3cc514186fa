import type { VetoError } from '@auditgate/bus';
import type { ErrResult as GateErrResult, OkResult as GateOkResult } from '@auditgate/gate-kit';

import type { Decision } from './decision.js';
import type { Blocked } from './errors.js';

/** Result of a guarded call whose function ran and returned `value`. Under SOFT mode the decision may be BLOCK. */
export type OkResult<T> = GateOkResult<T, Decision>;

/**
 * Result of a guarded call whose function did not run, because of a HARD block ({@link Blocked})
 * or a veto from a bus listener (its `VetoError`). `unwrap()` throws that error.
 */
export type ErrResult<T> = GateErrResult<T, Decision, Blocked | VetoError>;

/** Outcome of a function wrapped by `guardResult`. Checking `ok` narrows it. */
export type Result<T> = OkResult<T> | ErrResult<T>;
