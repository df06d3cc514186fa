/**
 * Base class of every error that auditgate throws on purpose. `code` is stable and meant for
 * programs; `message` is meant for people.
 */
export class AuditgateError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Invalid input: a bad trail part, policy option, enum value or detail. `field` names the input
 * that failed, with a JSON-path-like suffix for values inside `detail` (`detail.items[2].price`).
 */
export class ValidationError extends AuditgateError {
  readonly field: string;

  constructor(field: string, message: string, code = 'INVALID_INPUT') {
    super(code, `${shortenPath(field)}: ${message}`);
    this.field = field;
  }
}

/** Maximum length of a field path that a message repeats in full. `field` always keeps the whole path. */
const MAX_PATH_IN_MESSAGE = 120;

// A path into deeply nested detail can run to hundreds of characters, and its two ends locate the value.
function shortenPath(path: string): string {
  if (path.length <= MAX_PATH_IN_MESSAGE) return path;
  return `${path.slice(0, 60)}…${path.slice(-50)}`;
}
