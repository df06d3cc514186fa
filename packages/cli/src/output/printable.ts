// Strings from a log, a checkpoints file or a proof reach the terminal in text output. C0
// controls, DEL, C1 controls and the Unicode line and paragraph separators can move the cursor,
// end a line or hide what follows (ESC [8m), so a trail name could fake report lines. These
// helpers show such characters as escapes instead.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// Outside strings, JSON text contains ASCII only, so these can only occur inside strings, where
// a \u escape means the same character.
const JSON_UNESCAPED = /[\u007f-\u009f\u2028\u2029]/g;

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** Returns whether `text` contains a character that a terminal may act on instead of showing. */
export function hasControl(text: string): boolean {
  return CONTROL.test(text);
}

/** Replaces each control character in `text` with its JSON escape, such as `\n` or `\u001b`. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (character) => SHORT_ESCAPES[character] ?? unicodeEscape(character));
}

/**
 * Returns `text` unchanged when it has no control character, and otherwise as a quoted JSON
 * string whose control characters are escaped, so that the reader sees where it starts and ends.
 */
export function quoted(text: string): string {
  if (!hasControl(text)) return text;
  return `"${escapeControls(text.replace(/\\/g, '\\\\').replace(/"/g, '\\"'))}"`;
}

/**
 * Makes a message safe to print: each of `named` (such as the trail a finding names) that the
 * message contains is shown {@link quoted}, and any other control character is escaped.
 */
export function printableMessage(message: string, named: Iterable<string | null | undefined> = []): string {
  let text = message;
  for (const value of named) {
    if (typeof value === 'string' && value !== '' && hasControl(value)) text = text.split(value).join(quoted(value));
  }
  return escapeControls(text);
}

/**
 * Serializes `value` as JSON with DEL, the C1 controls and U+2028/U+2029 escaped as well, which
 * `JSON.stringify` leaves as they are. The result parses to the same value.
 */
export function printableJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(JSON_UNESCAPED, unicodeEscape);
}

function unicodeEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
