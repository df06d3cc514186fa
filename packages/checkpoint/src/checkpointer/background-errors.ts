/**
 * Counts failures of background checkpoints and hands each to `onError`. Without `onError`,
 * it emits a process warning for the 1st, 10th, 100th, ... failure, so that a sink that keeps
 * failing is visible without flooding the log.
 */
export class BackgroundErrors {
  #count = 0;

  constructor(private readonly onError?: (error: unknown, trail: string | null) => void) {}

  get count(): number {
    return this.#count;
  }

  report(error: unknown, trail: string | null): void {
    this.#count++;

    if (this.onError !== undefined) {
      try {
        this.onError(error, trail);
      } catch {
        // A failing error handler must not turn a background failure into an unhandled rejection.
      }
      return;
    }

    if (isPowerOfTen(this.#count)) {
      const where = trail === null ? '' : ` of trail ${trail}`;
      const message = (error as Error)?.message ?? String(error);
      process.emitWarning(`background checkpoint${where} failed (failure ${this.#count} so far): ${message}`, {
        code: 'AUDITGATE_CHECKPOINT_FAILED',
      });
    }
  }
}

function isPowerOfTen(value: number): boolean {
  let rest = value;
  while (rest >= 10 && rest % 10 === 0) {
    rest /= 10;
  }
  return rest === 1;
}
