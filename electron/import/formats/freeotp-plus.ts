// FreeOTP+ (Android): its JSON export (Settings › Export › JSON), as FreeOTP+'s TokenPersistence
// writes it and Aegis' FreeOtpPlusImporter reads it: {"tokens": [token JSON as FreeOTP's, see
// freeotp.ts], "tokenOrder": ["issuerInt:label", …]}. Never encrypted.
import { FoundCollector } from './entries';
import { isRecord } from './file-text';
import { addToken, inOrder, tokenKey } from './freeotp';
import type { OpenedFile } from './opened-file';

/** A tokens list beside tokenOrder, or tokens in FreeOTP's shape (algo, issuerExt, a byte list). */
export function looksLikeFreeOtpPlus(value: Record<string, unknown>): boolean {
  if (!Array.isArray(value.tokens)) return false;
  if (Array.isArray(value.tokenOrder)) return true;
  return (value.tokens as unknown[]).some(
    (token) => isRecord(token) && 'issuerExt' in token && Array.isArray(token.secret),
  );
}

export function openFreeOtpPlus(file: Record<string, unknown>, source: string): OpenedFile {
  const tokens = inOrder(
    (file.tokens as unknown[]).map((token, index) => ({ token, index })),
    ({ token }) => (isRecord(token) ? tokenKey(token) : null),
    file.tokenOrder,
  );
  return {
    format: 'freeotp-plus',
    encrypted: false,
    read: async () => {
      const found = new FoundCollector(source);
      // Shown in FreeOTP+'s order; a problem names the entry's place in the file.
      for (const { token, index } of tokens) addToken(found, `entry ${index + 1}`, token);
      return found.found();
    },
  };
}
