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
    super(code, `${field}: ${message}`);
    this.field = field;
  }
}
