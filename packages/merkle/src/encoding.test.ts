import { describe, expect, it } from 'vitest';

import { fromBase64, fromHex, toBase64, toHex } from './encoding.js';
import { EncodingError } from './errors.js';

const sample = Uint8Array.from([0x00, 0x01, 0xab, 0xff, 0x10]);

describe('hex', () => {
  it('round-trips bytes as lowercase', () => {
    expect(toHex(sample)).toBe('0001abff10');
    expect(fromHex('0001ABff10')).toEqual(sample);
  });

  it('encodes a subarray without its neighbours', () => {
    expect(toHex(sample.subarray(2, 4))).toBe('abff');
  });

  it('decodes to a plain Uint8Array', () => {
    expect(fromHex('00').constructor).toBe(Uint8Array);
  });

  it.each(['0', 'zz', '0g', ' 00', '00\n'])('rejects %j', (text) => {
    expect(() => fromHex(text)).toThrow(EncodingError);
  });

  it('accepts the empty string', () => {
    expect(fromHex('')).toEqual(new Uint8Array(0));
  });
});

describe('base64', () => {
  it('round-trips bytes with padding', () => {
    expect(toBase64(sample)).toBe('AAGr/xA=');
    expect(fromBase64('AAGr/xA=')).toEqual(sample);
  });

  it('decodes to a plain Uint8Array', () => {
    expect(fromBase64('AA==').constructor).toBe(Uint8Array);
  });

  it.each(['AAGr/xA', 'AAGr_xA=', 'AA GrxA=', 'A===', '@@@@'])('rejects %j', (text) => {
    const action = (): Uint8Array => fromBase64(text);

    expect(action).toThrow(EncodingError);
    expect(action).toThrow(/invalid base64/);
  });

  it('accepts the empty string', () => {
    expect(fromBase64('')).toEqual(new Uint8Array(0));
  });
});
