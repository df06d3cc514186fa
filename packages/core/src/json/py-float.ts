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

  // toExponential() without an argument gives the shortest round-trip digits, like Python's repr.
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');

  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const exponentSign = exponent < 0 ? '-' : '+';
    return `${sign}${digits[0]}${fraction}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }

  // Only small fixed-notation values (1e-4 > |x|) can land here, because the fast path above
  // took everything else in Python's fixed range.
  return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
}
