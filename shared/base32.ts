// Base32 secret keys as people type and paste them: normalisation, decoding and encoding (RFC 4648).
import { base32nopad } from '@scure/base';
import { AuthdeskError } from './errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// A base32 string of n characters carries 5n bits; lengths 1, 3 and 6 (mod 8) leave a whole
// character that cannot contribute to any byte, so no encoder ever produces them.
const IMPOSSIBLE_LENGTHS = new Set([1, 3, 6]);

// Characters people type by mistake for a base32 letter, with the letter they most likely meant.
const LOOKALIKES: Record<string, string> = {
  '0': 'the letter O',
  '1': 'the letter I or L',
  '8': 'the letter B',
  '9': 'the letter G',
};

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  if (/[\p{C}\p{Z}]/u.test(ch)) return `an invisible character (U+${hex})`;
  const hint = LOOKALIKES[ch];
  return hint ? `"${ch}" (did you mean ${hint}?)` : `"${ch}"`;
}

/**
 * Returns the key in canonical form: upper case, no spaces, hyphens or '=' padding.
 * Throws SECRET_INVALID for an empty key, a character outside A–Z and 2–7, or an impossible length.
 */
export function normalizeSecret(input: string): string {
  // Keys are shown in groups ("abcd efgh …" or "ABCD-EFGH"), often copied with non-breaking spaces.
  const compact = input.replace(/[\s-]+/gu, '').replace(/=+$/u, '');
  if (compact.length === 0) {
    throw new AuthdeskError('SECRET_INVALID', 'The secret key is empty.');
  }
  const upper = compact.toUpperCase();
  for (const ch of upper) {
    if (!ALPHABET.includes(ch)) {
      throw new AuthdeskError(
        'SECRET_INVALID',
        `The secret key contains ${describeChar(ch)}, which cannot appear in a key. ` +
          'Keys use only the letters A–Z and the digits 2–7.',
      );
    }
  }
  if (IMPOSSIBLE_LENGTHS.has(upper.length % 8)) {
    throw new AuthdeskError(
      'SECRET_INVALID',
      `A secret key cannot have ${upper.length} characters: one is probably missing or extra. ` +
        'Check the key and try again.',
    );
  }
  return upper;
}

/** Decodes a key in any form normalizeSecret accepts. */
export function decodeBase32(s: string): Uint8Array {
  const canonical = normalizeSecret(s);
  // Some services generate keys as random characters rather than by encoding bytes, so the unused
  // low bits of the last character may be set. Google Authenticator ignores them; so do we, where
  // @scure/base would reject the key.
  const spareBits = (canonical.length * 5) % 8;
  let strict = canonical;
  if (spareBits > 0) {
    const last = ALPHABET.indexOf(canonical.charAt(canonical.length - 1));
    const cleared = ALPHABET.charAt(last & ~((1 << spareBits) - 1));
    strict = canonical.slice(0, -1) + cleared;
  }
  return base32nopad.decode(strict);
}

/** Upper-case base32 without padding, the form the vault stores. */
export function encodeBase32(bytes: Uint8Array): string {
  return base32nopad.encode(bytes);
}
