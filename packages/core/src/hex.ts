/**
 * Tests whether `text` is a SHA-256 digest as entries carry it: exactly 64 lowercase hex
 * characters. A plain loop, because V8 runs the equivalent `/^[0-9a-f]{64}$/` several times slower
 * and verification calls this twice per entry.
 */
export function isHexDigest(text: string): boolean {
  if (text.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const unit = text.charCodeAt(i);
    if (!((unit >= 0x30 && unit <= 0x39) || (unit >= 0x61 && unit <= 0x66))) return false;
  }
  return true;
}
