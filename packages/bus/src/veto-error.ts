const VETO_MARK = Symbol.for('auditgate.bus.VetoError');

/**
 * Thrown (or used as a rejection) by a `decision` listener to say that the decision must
 * not lead to the action, for example because a required audit record could not be written.
 * Gates read vetoes from the delivery report and do not run the guarded action.
 *
 * @example
 * ```ts
 * bus.on('decision', async (event) => {
 *   try {
 *     await trail.record(event.wire);
 *   } catch (error) {
 *     throw new VetoError('audit record failed, so the action must not run', { cause: error });
 *   }
 * });
 * ```
 */
export class VetoError extends Error {
  /** Stable error code for programmatic checks. */
  readonly code = 'VETOED';

  override readonly name = 'VetoError';

  /**
   * @param message - Why the action must not run.
   * @param options - `cause` carries the underlying failure.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.defineProperty(this, VETO_MARK, { value: true });
  }

  /**
   * Tells whether `value` is a VetoError, also when it comes from another copy of this
   * package (an ESM and a CJS copy loaded side by side fail `instanceof`).
   */
  static isInstance(value: unknown): value is VetoError {
    return typeof value === 'object' && value !== null && VETO_MARK in value;
  }
}
