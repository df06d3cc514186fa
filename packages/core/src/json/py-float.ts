/**
 * Formats a double the way Python's `repr(float)` does, which is what `json.dumps` writes:
 * the shortest digits that round-trip, fixed notation for decimal exponents from -4 to 15,
 * exponent notation outside that with a signed exponent of at least two digits, and `.0`
 * on integral values. Non-finite values follow `json.dumps` defaults (`NaN`, `Infinity`).
 */
export function formatPyFloat(value: number): string {
  // Fast path: in this range JS and Python both print the shortest round-trip digits in fixed
  // notation, so only integral values need Python's trailing ".0".
  const magnitude = value < 0 ? -value : value;
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    const text = String(value);
    return Number.isInteger(value) ? `${text}.0` : text;
  }

  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';

  // toExponential() without an argument gives the shortest round-trip digits, like Python's
  // repr, and its mantissa ("-1.5") is already written the way Python writes it.
  const text = value.toExponential();
  const split = text.indexOf('e');
  const mantissa = text.slice(0, split);
  const exponent = Number(text.slice(split + 1));

  if (exponent < -4 || exponent >= 16) {
    const magnitudeOfExponent = exponent < 0 ? -exponent : exponent;
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${magnitudeOfExponent < 10 ? '0' : ''}${magnitudeOfExponent}`;
  }

  // Only small fixed-notation values (1e-4 > |x|) can land here, because the fast path above
  // took everything else in Python's fixed range.
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
}
