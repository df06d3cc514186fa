/** Returns the message of an `Error`, or `String(thrown)` for any other thrown value. */
export function errorMessage(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
