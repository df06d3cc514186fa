import { EncodingError } from './errors.js';

const HEX_PATTERN = /^(?:[0-9a-fA-F]{2})*$/;

// Standard alphabet with mandatory padding (RFC 4648 section 4). Node's own decoder
// skips characters outside the alphabet, so input is checked before it is decoded.
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Encodes bytes as lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('hex');
}

/**
 * Decodes hex of either case into bytes.
 *
 * @throws {EncodingError} when the text has an odd length or a non-hex character.
 */
export function fromHex(text: string): Uint8Array {
  if (!HEX_PATTERN.test(text)) {
    throw new EncodingError(
      `invalid hex string ${quote(text)}: expected an even number of characters 0-9, a-f or A-F`,
    );
  }

  return toPlainBytes(Buffer.from(text, 'hex'));
}

/** Encodes bytes as standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('base64');
}

/**
 * Decodes standard, padded base64 (the form JSON proof files and Go's encoding/json use).
 *
 * @throws {EncodingError} when the text uses another alphabet, lacks padding or contains
 * whitespace.
 */
export function fromBase64(text: string): Uint8Array {
  if (!BASE64_PATTERN.test(text)) {
    throw new EncodingError(
      `invalid base64 string ${quote(text)}: expected the standard alphabet (A-Z a-z 0-9 + /) ` +
        'with = padding and no whitespace',
    );
  }

  return toPlainBytes(Buffer.from(text, 'base64'));
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// Callers compare results with plain Uint8Arrays, and a Buffer is a different class.
function toPlainBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer);
}

function quote(text: string): string {
  const excerpt = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  return JSON.stringify(excerpt);
}
