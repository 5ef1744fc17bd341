// Recognises pasted text: an otpauth:// link, a Google Authenticator export link, or a bare secret key.
import type { AccountInput } from './account';
import { normalizeSecret } from './base32';
import { AuthdeskError } from './errors';
import { decodeLastPassMigrationUri, isLastPassMigrationUri } from './lastpass-migration';
import { decodeMigrationUri, type MigrationResult } from './migration';
import { looksLikeBareSecret, parseOtpauthUri } from './otpauth';

export type ParsedText =
  | { kind: 'uri'; account: AccountInput }
  /** A Google Authenticator export link, or a LastPass Authenticator transfer link (read alike). */
  | { kind: 'migration'; result: MigrationResult }
  /** A key without issuer or name: the caller asks the user for them. Canonical base32. */
  | { kind: 'secret'; secret: string };

/**
 * One unbroken run of letters and digits, or groups of equal size ("abcd efgh ijkl mnop") as apps
 * display keys, so that an ordinary sentence is not mistaken for a key with typos.
 */
function isKeyShaped(text: string): boolean {
  if (!/^[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*=*$/.test(text)) return false;
  const groups = text.replace(/=+$/, '').split(/[ -]/);
  const size = groups[0]?.length ?? 0;
  return (
    groups.join('').length >= 16 &&
    groups.every(
      (group, i) => group.length === size || (i === groups.length - 1 && group.length < size),
    )
  );
}

/** Throws an AuthdeskError saying what the text is, or why it is not something Authdesk can add. */
export function parseAccountText(text: string): ParsedText {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new AuthdeskError('URI_SCHEME', 'There is no text to add an account from.');
  }
  if (/^otpauth-migration:/i.test(trimmed)) {
    return { kind: 'migration', result: decodeMigrationUri(trimmed) };
  }
  if (isLastPassMigrationUri(trimmed)) {
    return { kind: 'migration', result: decodeLastPassMigrationUri(trimmed) };
  }
  if (/^otpauth:/i.test(trimmed)) return { kind: 'uri', account: parseOtpauthUri(trimmed) };
  if (looksLikeBareSecret(trimmed)) return { kind: 'secret', secret: normalizeSecret(trimmed) };
  // A key with a typo ("0" for "O") deserves the key error naming the character.
  if (isKeyShaped(trimmed)) normalizeSecret(trimmed);
  throw new AuthdeskError(
    'URI_SCHEME',
    'This text is not an otpauth:// link, a Google Authenticator export link or a secret key.',
  );
}
