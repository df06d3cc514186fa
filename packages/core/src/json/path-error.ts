/** Carries the path of a bad value up a recursive walk; the path is built only on failure. */
export class PathError extends Error {
  path = '';

  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Adds `segment` in front of the path of a PathError, and passes any other error through. */
export function prependPath(error: unknown, segment: string): unknown {
  if (error instanceof PathError) error.path = segment + error.path;
  return error;
}

/** Writes an object key as a path segment: `.name` for identifiers, `["odd key"]` otherwise. */
export function keyPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
