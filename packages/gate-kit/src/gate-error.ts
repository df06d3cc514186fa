/**
 * Base class of the errors that gate packages throw, so that one `instanceof` check catches
 * them all. The `code` is stable, and the message is meant for people.
 */
export abstract class GateError extends Error {
  /** Stable error code for programmatic checks. */
  abstract readonly code: string;
}
