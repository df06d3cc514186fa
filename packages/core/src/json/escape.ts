// Characters that Python's json.dumps(ensure_ascii=True) writes unchanged: printable ASCII
// other than the quote and the backslash.
const NEEDS_ESCAPE = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

const SHORT_ESCAPES: Record<number, string> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

/**
 * Quotes a string as Python's `json.dumps` does with `ensure_ascii=True`: every UTF-16 code unit
 * outside printable ASCII becomes a lowercase `\uXXXX` escape, so astral characters become a
 * surrogate pair of escapes and lone surrogates pass through as their own escape.
 */
export function quotePyString(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return `"${text}"`;

  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x20 && unit <= 0x7e && unit !== 0x22 && unit !== 0x5c) {
      out += text[i];
      continue;
    }
    out += SHORT_ESCAPES[unit] ?? `\\u${unit.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/**
 * Compares two strings by Unicode code point, as Python sorts `str` keys. Plain JS comparison
 * goes by UTF-16 code unit, which puts astral characters (surrogate pairs) before U+E000..U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let i = 0;
  while (i < length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === length) return a.length - b.length;

  const unitA = a.charCodeAt(i);
  const unitB = b.charCodeAt(i);
  if (unitA < 0xd800 && unitB < 0xd800) return unitA - unitB;

  // When the shared prefix ends in a high surrogate, a low surrogate at `i` completes a pair that
  // started one unit earlier. The side without one has the lone high surrogate as its own code
  // point there, which is below every astral code point.
  const previous = i > 0 ? a.charCodeAt(i - 1) : 0;
  if (isHighSurrogate(previous) && (isLowSurrogate(unitA) || isLowSurrogate(unitB))) {
    const pointA = isLowSurrogate(unitA) ? pairCodePoint(previous, unitA) : previous;
    const pointB = isLowSurrogate(unitB) ? pairCodePoint(previous, unitB) : previous;
    return pointA - pointB;
  }
  return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

function pairCodePoint(high: number, low: number): number {
  return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}
