// The wire pattern `^[^:]+:[^@]+@.+$` has no `s` flag, so `.` stops at a line terminator.
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
// With the u flag a surrogate pair is one code point, so this matches only unpaired halves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Name of an invalid part of a `namespace:<middle>@principal` identity, or `'identity'` when a
 * whole identity string could not be split into parts.
 */
export type IdentityPartOf<Middle extends string> = 'namespace' | Middle | 'principal' | 'identity';

/** Naming and error rules that one gate package applies to its identities. */
export interface IdentityRules<Middle extends string> {
  /** Noun that starts every error message, for example `'gate'` in "Invalid gate namespace …". */
  readonly noun: string;

  /** Name of the middle part, for example `'action'` or `'resource'`. */
  readonly middle: Middle;

  /**
   * Builds the error thrown for an invalid part. Each gate package passes its own error class,
   * so that callers keep catching that package's `InvalidIdentityError`.
   */
  readonly createError: (part: IdentityPartOf<Middle>, value: unknown, message: string) => Error;
}

/** The three validated parts of an identity and its string form. */
export interface IdentityParts {
  readonly namespace: string;
  readonly middle: string;
  readonly principal: string;

  /** The identity string `namespace:middle@principal`. */
  readonly key: string;
}

/**
 * Returns `value` when it is a non-empty string without a line break.
 *
 * @throws the error that `rules.createError` builds, naming `part`.
 */
export function checkIdentityPart<Middle extends string>(
  part: 'namespace' | Middle | 'principal',
  value: unknown,
  rules: IdentityRules<Middle>,
): string {
  const { noun } = rules;

  if (typeof value !== 'string') {
    throw rules.createError(part, value, `Invalid ${noun} ${part}: expected a string, got ${typeof value}.`);
  }
  if (value.length === 0) {
    throw rules.createError(part, value, `Invalid ${noun} ${part}: it is empty. Give a non-empty ${part}.`);
  }
  if (LINE_TERMINATOR.test(value)) {
    throw rules.createError(
      part,
      value,
      `Invalid ${noun} ${part} ${JSON.stringify(value)}: it contains a line break, which the identity pattern does not match. Remove it.`,
    );
  }
  if (LONE_SURROGATE.test(value)) {
    throw rules.createError(
      part,
      value,
      `Invalid ${noun} ${part} ${JSON.stringify(value)}: it contains a lone UTF-16 surrogate, which UTF-8 stores cannot keep apart from U+FFFD. Use well-formed Unicode text.`,
    );
  }
  return value;
}

/**
 * Validates the three parts of an identity, in the order namespace, middle, principal, and
 * builds its string form. The namespace must not contain ':' or '@', and the middle part must
 * not contain '@'. The principal may contain both. These rules make the string form parse back
 * into the same parts.
 *
 * @throws the error that `rules.createError` builds, naming the first invalid part.
 */
export function checkIdentityParts<Middle extends string>(
  namespace: unknown,
  middle: unknown,
  principal: unknown,
  rules: IdentityRules<Middle>,
): IdentityParts {
  const { noun, middle: middleName } = rules;

  const checkedNamespace = checkIdentityPart('namespace', namespace, rules);
  if (checkedNamespace.includes(':') || checkedNamespace.includes('@')) {
    throw rules.createError(
      'namespace',
      namespace,
      `Invalid ${noun} namespace ${JSON.stringify(namespace)}: it must not contain ':' or '@', which separate the parts of "namespace:${middleName}@principal". Remove them.`,
    );
  }

  const checkedMiddle = checkIdentityPart(middleName, middle, rules);
  if (checkedMiddle.includes('@')) {
    throw rules.createError(
      middleName,
      middle,
      `Invalid ${noun} ${middleName} ${JSON.stringify(middle)}: it must not contain '@', which separates it from the principal. Remove it.`,
    );
  }

  const checkedPrincipal = checkIdentityPart('principal', principal, rules);
  return {
    namespace: checkedNamespace,
    middle: checkedMiddle,
    principal: checkedPrincipal,
    key: `${checkedNamespace}:${checkedMiddle}@${checkedPrincipal}`,
  };
}

/**
 * Parses `namespace:middle@principal`, splitting at the first ':' and the first '@' after it,
 * and validates the parts as {@link checkIdentityParts} does.
 *
 * @throws the error that `rules.createError` builds: with part `'identity'` when `text` is not a
 * string or a separator is missing, otherwise naming the invalid part.
 */
export function parseIdentity<Middle extends string>(text: unknown, rules: IdentityRules<Middle>): IdentityParts {
  const { noun, middle: middleName } = rules;

  if (typeof text !== 'string') {
    throw rules.createError('identity', text, `Invalid ${noun} identity: expected a string, got ${typeof text}.`);
  }

  const colon = text.indexOf(':');
  const at = colon === -1 ? -1 : text.indexOf('@', colon + 1);
  if (colon === -1 || at === -1) {
    throw rules.createError(
      'identity',
      text,
      `Invalid ${noun} identity ${JSON.stringify(text)}: expected the form "namespace:${middleName}@principal".`,
    );
  }

  return checkIdentityParts(text.slice(0, colon), text.slice(colon + 1, at), text.slice(at + 1), rules);
}
