// Proves secret-key normalisation, decoding and encoding against RFC 4648 and the ways people paste keys.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32, normalizeSecret } from '../../shared/base32';
import { AuthdeskError } from '../../shared/errors';
import { errorOf } from '../harness/typed-errors';

const ascii = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

describe('normalizeSecret', () => {
  it('turns lower case, spaces, hyphens and padding into canonical upper-case unpadded base32', () => {
    expect(normalizeSecret('jbsw y3dp ehpk 3pxp')).toBe('JBSWY3DPEHPK3PXP');
    expect(normalizeSecret('JBSW-Y3DP-EHPK-3PXP')).toBe('JBSWY3DPEHPK3PXP');
    expect(normalizeSecret('MZXW6YTBOI======')).toBe('MZXW6YTBOI');
    expect(normalizeSecret('  mzxw\u00a06ytb\toi==\n')).toBe('MZXW6YTBOI');
  });

  it('rejects an empty key, or one that is only spaces and padding, with SECRET_INVALID', () => {
    for (const input of ['', '   ', '====', ' - ']) {
      expect(errorOf(() => normalizeSecret(input)).code).toBe('SECRET_INVALID');
    }
  });

  it('names the character that cannot be in a key, and suggests the letter it looks like', () => {
    const zero = errorOf(() => normalizeSecret('JBSWY3DPEHPK3PX0'));
    expect(zero.code).toBe('SECRET_INVALID');
    expect(zero.message).toContain('"0"');
    expect(zero.message).toContain('letter O');
    expect(errorOf(() => normalizeSecret('JBSWY3DP!HPK3PXP')).message).toContain('"!"');
    expect(errorOf(() => normalizeSecret('JBSWY3DP\u200bEHPK3PXP')).message).toContain('U+200B');
  });

  it('rejects an "=" inside the key, where it cannot be padding', () => {
    expect(errorOf(() => normalizeSecret('MZXW=6YTBOI')).code).toBe('SECRET_INVALID');
  });

  it('rejects lengths no base32 encoder can produce (1, 3 or 6 characters modulo 8)', () => {
    for (const input of [
      'A',
      'ABC',
      'ABCDEF',
      'ABCDEFGHI',
      'ABCDEFGHIJK',
      'JBSWY3DPEHPK3PXPABCDEF',
    ]) {
      const error = errorOf(() => normalizeSecret(input));
      expect(error.code).toBe('SECRET_INVALID');
      expect(error.message).toContain(`${input.length} characters`);
    }
  });
});

describe('decodeBase32 and encodeBase32', () => {
  // RFC 4648 section 10 test vectors.
  const vectors: [string, string][] = [
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ];

  it('matches every RFC 4648 base32 test vector in both directions', () => {
    for (const [plain, encoded] of vectors) {
      expect(encodeBase32(ascii(plain))).toBe(encoded);
      expect(decodeBase32(encoded)).toEqual(ascii(plain));
      expect(decodeBase32(`${encoded.toLowerCase()}======`.slice(0, 16))).toEqual(ascii(plain));
    }
  });

  it('decodes the common 10-byte key JBSWY3DPEHPK3PXP to "Hello!\\xde\\xad\\xbe\\xef"', () => {
    expect(decodeBase32('JBSWY3DPEHPK3PXP')).toEqual(
      Uint8Array.from([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]),
    );
  });

  it('ignores set spare bits in the last character, as Google Authenticator does', () => {
    // A 10-character key uses 50 bits: the lowest two of the last character (I=01000, J=01001, L=01011) are spare.
    expect(decodeBase32('MZXW6YTBOJ')).toEqual(ascii('foobar'));
    expect(decodeBase32('MZXW6YTBOL')).toEqual(ascii('foobar'));
  });

  it('round-trips any bytes, whatever case, grouping and padding the key is pasted with', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 80 }), fc.boolean(), (bytes, lower) => {
        const key = encodeBase32(bytes);
        expect(key).toMatch(/^[A-Z2-7]+$/);
        expect(decodeBase32(key)).toEqual(bytes);
        const padded = key.padEnd(Math.ceil(key.length / 8) * 8, '=');
        const pasted = (lower ? padded.toLowerCase() : padded).replace(/(.{4})/g, '$1 ');
        expect(normalizeSecret(pasted)).toBe(key);
        expect(decodeBase32(pasted)).toEqual(bytes);
      }),
    );
  });

  it('throws only AuthdeskError SECRET_INVALID for arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (text) => {
        try {
          decodeBase32(text);
        } catch (error) {
          expect(error).toBeInstanceOf(AuthdeskError);
          expect((error as AuthdeskError).code).toBe('SECRET_INVALID');
        }
      }),
      { numRuns: 500 },
    );
  });
});
