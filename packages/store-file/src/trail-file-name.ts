import { ValidationError } from '@auditgate/core';

/** Suffix of a trail's entry file: one serialized entry per line. */
export const ENTRIES_SUFFIX = '.jsonl';
/** Suffix of a trail's meta file: record ids and the prune anchor. */
export const META_SUFFIX = '.meta';
/** Suffix of the temporary file that replaces another one atomically. */
export const TEMP_SUFFIX = '.tmp';

/**
 * Longest encoded trail name. Most file systems allow 255 bytes per name, and the longest
 * suffix added to the stem is ".jsonl.tmp".
 */
export const MAX_STEM_LENGTH = 240;

const HEX = '0123456789ABCDEF';
const utf8 = new TextDecoder('utf-8', { fatal: true });
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Lowercase letters, digits, "-", "_" and "." stay as they are. Every other byte, uppercase
// letters included, becomes %XX with uppercase hex, so that no two trails share a name even on a
// case-insensitive file system, and "/" or ".." never reach the path.
function isLiteral(byte: number): boolean {
  return (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2d || byte === 0x5f || byte === 0x2e;
}

/**
 * Encodes a trail string as a file name stem, such as `billing%3Aactiongate%40user%3A42` for
 * `billing:actiongate@user:42`.
 *
 * @throws {ValidationError} when the trail is empty, is not well-formed Unicode, or encodes to
 *   more than {@link MAX_STEM_LENGTH} characters.
 */
export function encodeTrailStem(trail: string): string {
  if (typeof trail !== 'string' || trail.length === 0) {
    throw new ValidationError('trail', `expected a non-empty trail string, got ${JSON.stringify(trail)}`, 'INVALID_TRAIL');
  }
  if (LONE_SURROGATE.test(trail)) {
    throw new ValidationError('trail', `${JSON.stringify(trail)} contains a lone surrogate, which a file name cannot keep`, 'INVALID_TRAIL');
  }

  let stem = '';
  for (const byte of Buffer.from(trail, 'utf8')) {
    stem += isLiteral(byte) ? String.fromCharCode(byte) : `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  if (stem.length > MAX_STEM_LENGTH) {
    throw new ValidationError(
      'trail',
      `${JSON.stringify(trail.slice(0, 40))}... encodes to a ${stem.length}-character file name, above the limit of ` +
        `${MAX_STEM_LENGTH}; use a shorter principal, or a hash of it`,
      'TRAIL_NAME_TOO_LONG',
    );
  }
  return stem;
}

/**
 * Decodes a stem written by {@link encodeTrailStem}. Returns null for any other name, so that
 * files this store did not write are left alone.
 */
export function decodeTrailStem(stem: string): string | null {
  const bytes: number[] = [];
  for (let i = 0; i < stem.length; i++) {
    const code = stem.charCodeAt(i);
    if (code !== 0x25) {
      if (!isLiteral(code)) return null;
      bytes.push(code);
      continue;
    }
    const high = HEX.indexOf(stem[i + 1] ?? '');
    const low = HEX.indexOf(stem[i + 2] ?? '');
    if (high < 0 || low < 0) return null;
    bytes.push(high * 16 + low);
    i += 2;
  }

  let trail: string;
  try {
    trail = utf8.decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
  // Only the canonical spelling counts: "%61" for "a" would give a second name for one trail.
  if (trail.length === 0 || encodeOrNull(trail) !== stem) return null;
  return trail;
}

function encodeOrNull(trail: string): string | null {
  try {
    return encodeTrailStem(trail);
  } catch {
    return null;
  }
}
