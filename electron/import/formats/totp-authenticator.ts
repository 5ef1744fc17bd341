// TOTP Authenticator (BinaryBoxStudio, com.authenticator.authservice2): its backup file (.bin).
//
// As Aegis' TotpAuthenticatorImporter reads it: the file is base64 text of AES-256-CBC (PKCS#7
// padding) with an all-zero IV, keyed with SHA-256 of the password's UTF-8 bytes. A backup made
// without a password of the user's is encrypted the same way under the app's built-in password
// "TotpAuthenticator". The plaintext is a JSON object whose first key is itself text: a JSON list
// of JSON texts, each an entry {name, issuer, key, base: 16 | 32 | 64 (how key is written)}. Every
// entry is TOTP, SHA-1, 6 digits, 30 seconds.
//
// The key derivation is one hash, so the built-in password is tried as soon as the file is
// recognised: such a backup opens without asking for a password. CBC has no integrity check, so a
// wrong password and a damaged file look alike (bad padding, or bytes that are not the JSON).
import { createDecipheriv, createHash } from 'node:crypto';
import { throwIfCancelled } from '../../vault/kdf';
import { encodeBase32 } from '../../../shared/base32';
import { AuthdeskError } from '../../../shared/errors';
import type { Found } from '../found';
import { describePlace, FoundCollector, accountFromFields } from './entries';
import { base64Bytes, hexBytes } from './file-crypto';
import { decryptedJson, isRecord, parseJson } from './file-text';
import { passwordCandidates, requirePassword, wrongPassword, type OpenedFile } from './opened-file';

/** The app's own password, used when the user set none (Aegis' TotpAuthenticatorImporter). */
export const BUILT_IN_PASSWORD = 'TotpAuthenticator';
const BLOCK = 16;
const IV = Buffer.alloc(BLOCK);

/**
 * The decrypted backup's entries, or null when the key does not open it (bad padding, or not the
 * JSON object holding a JSON list of texts).
 */
function open(ciphertext: Buffer, password: string): unknown[] | null {
  const key = createHash('sha256').update(password, 'utf8').digest();
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, IV);
    plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  } finally {
    key.fill(0);
  }
  const parsed = decryptedJson(plain);
  plain.fill(0);
  if (parsed === null || !isRecord(parsed.value)) return null;
  for (const name of Object.keys(parsed.value)) {
    const list = parseJson(name)?.value;
    if (Array.isArray(list)) return list as unknown[];
  }
  return null;
}

function secretOf(entry: Record<string, unknown>): string | undefined {
  const { key, base } = entry;
  if (key === undefined || key === null || key === '') return undefined;
  if (typeof key !== 'string') {
    throw new AuthdeskError('SECRET_INVALID', 'The key of this entry is not text.');
  }
  // Base32 is checked (with its hints for typos) as every importer checks a key.
  if (base === 32) return key;
  const bytes = base === 16 ? hexBytes(key.trim()) : base === 64 ? base64Bytes(key) : undefined;
  if (bytes === undefined) {
    throw new AuthdeskError(
      'SECRET_INVALID',
      `The key of this entry is written in base ${JSON.stringify(base)}; TOTP Authenticator writes base 16, 32 or 64.`,
    );
  }
  if (bytes === null || bytes.length === 0) {
    throw new AuthdeskError('SECRET_INVALID', `The key of this entry is not valid base ${base}.`);
  }
  return encodeBase32(bytes);
}

function read(entries: unknown[], source: string): Found {
  const found = new FoundCollector(source);
  entries.forEach((text, i) => {
    const value = typeof text === 'string' ? parseJson(text)?.value : text;
    const entry = isRecord(value) ? value : {};
    found.add(describePlace(`entry ${i + 1}`, entry.issuer, entry.name), () => {
      if (!isRecord(value)) {
        throw new AuthdeskError(
          'ACCOUNT_INVALID',
          'This entry is not in the form the file format describes.',
        );
      }
      return accountFromFields({
        type: 'totp',
        secret: secretOf(entry),
        issuer: entry.issuer,
        label: entry.name,
      });
    });
  });
  return found.found();
}

/**
 * A TOTP Authenticator backup (TEXT_FORMATS), else null: base64 whose bytes are whole AES blocks.
 * Base64 text is common, so one whose characters are all base32 (a key on its own) is taken only
 * under a .bin name.
 */
export function openTotpAuthenticator(
  text: string,
  name: string,
  source: string,
): OpenedFile | null {
  const compact = text.trim();
  const ciphertext = base64Bytes(compact);
  if (ciphertext === null || ciphertext.length < 2 * BLOCK || ciphertext.length % BLOCK !== 0) {
    return null;
  }
  if (!/\.bin$/i.test(name.trim()) && /^[A-Z2-7=\s]*$/.test(compact)) return null;
  const plain = open(ciphertext, BUILT_IN_PASSWORD);
  if (plain !== null) {
    return {
      format: 'totp-authenticator',
      encrypted: false,
      read: async () => read(plain, source),
    };
  }
  return {
    format: 'totp-authenticator',
    encrypted: true,
    read: async (password, signal) => {
      for (const candidate of passwordCandidates(requirePassword('totp-authenticator', password))) {
        throwIfCancelled(signal);
        const entries = open(ciphertext, candidate);
        if (entries !== null) return read(entries, source);
      }
      throw wrongPassword(
        'totp-authenticator',
        'This kind of file has no integrity check, so a damaged file looks the same.',
      );
    },
  };
}
