/**
 * Building blocks shared by the auditgate gates: three-part identities, clocks, modes, results
 * and the common error base.
 *
 * @module
 */
export { type Clock, ManualClock, systemClock } from './clock.js';
export { errorMessage } from './error-message.js';
export { GateError } from './gate-error.js';
export { GateIdentity } from './gate-identity.js';
export {
  checkIdentityPart,
  checkIdentityParts,
  type IdentityPartOf,
  type IdentityParts,
  type IdentityRules,
  parseIdentity,
} from './identity.js';
export { isMode, isStoreErrorMode, Mode, StoreErrorMode } from './modes.js';
export { isPromiseLike } from './promise-like.js';
export { type ErrResult, errResult, type OkResult, okResult, type Result } from './result.js';
