// Authenticator Pro (now Stratum) backups (.authpro): plain JSON, or that JSON encrypted under a fixed header.
//
// As jamie-mh/AuthenticatorPro (doc/BACKUP_FORMAT.md, Core/src/Backup/Encryption/*.cs) and Aegis'
// AuthenticatorProImporter describe them:
// - plain: {"Authenticators": [{Type, Icon, Issuer, Username, Secret, Pin, Algorithm, Digits,
//   Period, Counter, CopyCount, Ranking}], "Categories": [{Id, Name, Ranking}],
//   "AuthenticatorCategories": [{CategoryId, AuthenticatorSecret, Ranking}], "CustomIcons": […]};
//   Type 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex; Algorithm 0 SHA-1, 1 SHA-256, 2 SHA-512;
// - encrypted (StrongBackupEncryption): "AUTHENTICATORPRO" (16 bytes), salt (16), IV (12), then
//   AES-256-GCM ciphertext and its 16-byte tag; key = Argon2id(password, salt; parallelism 4,
//   3 iterations, 64 MiB), fixed by the app, so there is nothing in the file to bound;
// - legacy encrypted (LegacyBackupEncryption, older versions): "AuthenticatorPro" (16 bytes), salt
//   (20), IV (16), then AES-256-CBC with PKCS#7 padding; key = PBKDF2-HMAC-SHA1(password, salt,
//   64 000 iterations, 256 bits).
// - the HTML export (HtmlBackup.cs, backup_template.html): a table with a row per authenticator,
//   its issuer and username HTML-encoded, then its link raw in <code>: otpauth:// (a Steam one as
//   totp with issuer Steam or a bare "steam" parameter, Yandex as otpauth://yaotp/) or motp://.
import { createDecipheriv } from 'node:crypto';
import { AuthdeskError, isAuthdeskError } from '../../../shared/errors';
import { combine, fromText, nothingFound, type Found } from '../found';
import { base64IconFile, namedBrand, type SourceIcon } from '../import-icons';
import { describePlace, otpTypeOf, readEntryList } from './entries';
import {
  importKeyArgon2id,
  GCM_NONCE_BYTES,
  GCM_TAG_BYTES,
  openGcm,
  pbkdf2Key,
} from './file-crypto';
import { decryptedJson, isRecord } from './file-text';
import {
  corruptFile,
  passwordCandidates,
  requirePassword,
  wrongPassword,
  type OpenedFile,
} from './opened-file';

const FORMAT = 'authenticator-pro';
const corrupt = (why: string) => corruptFile(FORMAT, why);

const HEADER_BYTES = 16;
const STRONG_HEADER = Buffer.from('AUTHENTICATORPRO', 'ascii');
const STRONG_SALT_BYTES = 16;
/** StrongBackupEncryption's fixed Argon2id cost: 64 MiB, 3 passes, 4 lanes. */
const STRONG_ARGON2 = { memoryKiB: 65_536, iterations: 3, parallelism: 4 } as const;

const LEGACY_HEADER = Buffer.from('AuthenticatorPro', 'ascii');
const LEGACY_SALT_BYTES = 20;
const LEGACY_IV_BYTES = 16;
const LEGACY_ITERATIONS = 64_000;
const CBC_BLOCK_BYTES = 16;

/** Authenticator Pro's Type numbers (AuthenticatorType.cs), and its names should a file spell them. */
const TYPES = new Map<string, string>([
  ['1', 'hotp'],
  ['2', 'totp'],
  ['3', 'motp'],
  ['4', 'steam'],
  ['5', 'yandex'],
  ['mobileotp', 'motp'],
  ['steamotp', 'steam'],
  ['yandexotp', 'yandex'],
]);
const ALGORITHMS = new Map<string, string>([
  ['0', 'SHA1'],
  ['1', 'SHA256'],
  ['2', 'SHA512'],
]);

/** A backup's top-level object: only Authenticator Pro names its list "Authenticators". */
export function looksLikeAuthenticatorPro(value: Record<string, unknown>): boolean {
  return 'Authenticators' in value;
}

/** A Type as Authdesk's type (absent: TOTP, the app's default); mOTP and Yandex are refused by name. */
function typeOf(value: unknown): ReturnType<typeof otpTypeOf> {
  if (value === undefined || value === null) return 'totp';
  const key =
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return otpTypeOf(TYPES.get(key.toLowerCase()) ?? value);
}

function algorithmOf(value: unknown): unknown {
  return typeof value === 'number' ? (ALGORITHMS.get(String(value)) ?? value) : value;
}

/**
 * Secret → the names of its categories (an authenticator may be in several), in the app's order of
 * the categories (their Ranking, else their place in the list), from Categories and
 * AuthenticatorCategories.
 */
function categoriesBySecret(backup: Record<string, unknown>): Map<string, string[]> {
  const known = new Map<string, { name: string; rank: number }>();
  if (Array.isArray(backup.Categories)) {
    (backup.Categories as unknown[]).forEach((category, index) => {
      if (!isRecord(category) || typeof category.Id !== 'string') return;
      if (typeof category.Name !== 'string') return;
      const rank = typeof category.Ranking === 'number' ? category.Ranking : index;
      known.set(category.Id, { name: category.Name, rank });
    });
  }
  const linked = new Map<string, { name: string; rank: number }[]>();
  if (Array.isArray(backup.AuthenticatorCategories)) {
    for (const link of backup.AuthenticatorCategories as unknown[]) {
      if (!isRecord(link) || typeof link.AuthenticatorSecret !== 'string') continue;
      const category = typeof link.CategoryId === 'string' ? known.get(link.CategoryId) : undefined;
      if (category === undefined) continue;
      linked.set(link.AuthenticatorSecret, [
        ...(linked.get(link.AuthenticatorSecret) ?? []),
        category,
      ]);
    }
  }
  return new Map(
    [...linked].map(([secret, categories]) => [
      secret,
      categories.sort((a, b) => a.rank - b.rank).map((c) => c.name),
    ]),
  );
}

/** CustomIcons' pictures by Id: an authenticator's Icon "@<Id>" names one (CustomIcon.Prefix). */
function customIcons(backup: Record<string, unknown>): Map<string, unknown> {
  const icons = new Map<string, unknown>();
  if (Array.isArray(backup.CustomIcons)) {
    for (const icon of backup.CustomIcons as unknown[]) {
      if (isRecord(icon) && typeof icon.Id === 'string') icons.set(icon.Id, icon.Data);
    }
  }
  return icons;
}

/** Icon: "@<Id>" of a picture in CustomIcons, else the name of an icon of the app's own set. */
function iconOf(value: unknown, custom: Map<string, unknown>): SourceIcon | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (value.startsWith('@')) {
    const data = custom.get(value.slice(1));
    return data === undefined ? undefined : base64IconFile(data);
  }
  // Its set has light and dark variants of some icons ("github_dark").
  return namedBrand(value.replace(/_(?:dark|light)$/i, ''));
}

function readBackup(backup: Record<string, unknown>, source: string): Found {
  if (!Array.isArray(backup.Authenticators)) throw corrupt('its Authenticators are not a list');
  const categories = categoriesBySecret(backup);
  const custom = customIcons(backup);
  return readEntryList(backup.Authenticators as unknown[], source, {
    names: (entry) => ({ issuer: entry.Issuer, label: entry.Username }),
    icon: (entry) => iconOf(entry.Icon, custom),
    fields: (entry) => ({
      type: typeOf(entry.Type),
      secret: entry.Secret,
      algorithm: algorithmOf(entry.Algorithm),
      digits: entry.Digits,
      period: entry.Period,
      counter: entry.Counter,
      tags: typeof entry.Secret === 'string' ? (categories.get(entry.Secret) ?? []) : [],
    }),
  });
}

/** The plain backup; its structure is checked now, so a damaged one is refused before the preview. */
export function openAuthenticatorProJson(
  backup: Record<string, unknown>,
  source: string,
): OpenedFile {
  if (!Array.isArray(backup.Authenticators)) throw corrupt('its Authenticators are not a list');
  return { format: FORMAT, encrypted: false, read: async () => readBackup(backup, source) };
}

/** Decrypted content: the backup object, or FILE_CORRUPT (the password was right, so it is damage). */
function decryptedBackup(plain: Uint8Array, source: string): Found {
  const value = decryptedJson(plain)?.value;
  if (!isRecord(value) || !looksLikeAuthenticatorPro(value)) {
    throw corrupt('its decrypted content is not an Authenticator Pro backup');
  }
  return readBackup(value, source);
}

function strongFile(data: Buffer, source: string): OpenedFile {
  const ivAt = HEADER_BYTES + STRONG_SALT_BYTES;
  const dataAt = ivAt + GCM_NONCE_BYTES;
  if (data.length < dataAt + GCM_TAG_BYTES) {
    throw corrupt('it is too short to hold an encrypted backup (it may be cut short)');
  }
  const salt = data.subarray(HEADER_BYTES, ivAt);
  const iv = data.subarray(ivAt, dataAt);
  const ciphertext = data.subarray(dataAt, data.length - GCM_TAG_BYTES);
  const tag = data.subarray(data.length - GCM_TAG_BYTES);
  return {
    format: FORMAT,
    encrypted: true,
    // One Argon2id run (64 MiB) per password candidate, at most two.
    async read(password, signal) {
      for (const candidate of passwordCandidates(requirePassword(FORMAT, password))) {
        const key = await importKeyArgon2id(
          'authenticator-pro',
          candidate,
          { ...STRONG_ARGON2, salt },
          signal,
        );
        const plain = openGcm(key, iv, ciphertext, tag);
        key.fill(0);
        if (plain !== null) return decryptedBackup(plain, source);
      }
      // GCM cannot tell a wrong password from a changed byte; the password is the likelier cause.
      throw wrongPassword(FORMAT);
    },
  };
}

function openCbc(key: Buffer, iv: Buffer, ciphertext: Buffer): Buffer | null {
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

function legacyFile(data: Buffer, source: string): OpenedFile {
  const ivAt = HEADER_BYTES + LEGACY_SALT_BYTES;
  const dataAt = ivAt + LEGACY_IV_BYTES;
  const length = data.length - dataAt;
  if (length < CBC_BLOCK_BYTES || length % CBC_BLOCK_BYTES !== 0) {
    throw corrupt('its encrypted part is not whole AES blocks (it may be cut short)');
  }
  const salt = data.subarray(HEADER_BYTES, ivAt);
  const iv = data.subarray(ivAt, dataAt);
  const ciphertext = data.subarray(dataAt);
  return {
    format: FORMAT,
    encrypted: true,
    async read(password, signal) {
      for (const candidate of passwordCandidates(requirePassword(FORMAT, password))) {
        const key = await pbkdf2Key(candidate, salt, LEGACY_ITERATIONS, 'sha1', signal);
        const plain = openCbc(key, iv, ciphertext);
        key.fill(0);
        // CBC has no integrity check: a wrong key fails the padding, or (1 time in 256) passes it
        // and yields bytes that are not JSON. Either way the next candidate is tried.
        if (plain === null || decryptedJson(plain) === null) continue;
        return decryptedBackup(plain, source);
      }
      throw wrongPassword(
        FORMAT,
        'This older kind of Authenticator Pro backup has no integrity check, so a damaged file gives the same answer.',
      );
    },
  };
}

/** A binary file that starts with one of Authenticator Pro's two headers; null for any other. Runs no KDF. */
export function openAuthenticatorProEncrypted(
  bytes: Uint8Array,
  _name: string,
  source: string,
): OpenedFile | null {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = data.subarray(0, HEADER_BYTES);
  if (header.equals(STRONG_HEADER)) return strongFile(data, source);
  if (header.equals(LEGACY_HEADER)) return legacyFile(data, source);
  return null;
}

// ---------------------------------------------------------------------------------------------
// The HTML export: read by splitting on the table's tags (no regular expression spans the text,
// so a hostile 20 MB file costs linear time).

const HTML_MARK = '<th>OTP Auth URI</th>';
const ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** Text as HttpUtility.HtmlEncode wrote it, decoded (named and numeric entities). */
function htmlText(html: string): string {
  return html
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/gi, (whole, name: string) => {
      if (!name.startsWith('#')) return ENTITIES.get(name.toLowerCase()) ?? whole;
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    })
    .trim();
}

/** The text of each <td> of a row (up to its </td>). */
function cells(row: string): string[] {
  return row
    .split(/<td>/i)
    .slice(1)
    .map((cell) => {
      const end = cell.search(/<\/td>/i);
      return end < 0 ? cell : cell.slice(0, end);
    });
}

function decodedComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A totp link Authenticator Pro means as Steam (its UriParser: issuer "Steam", or a "steam" or
 * encoder=steam parameter) gets encoder=steam, which Authdesk reads; other links are unchanged.
 */
function steamMarked(link: string): string {
  const match = /^otpauth:\/\/totp\/([^?]*)(\?.*)?$/i.exec(link);
  if (!match) return link;
  const query = new URLSearchParams((match[2] ?? '').slice(1));
  if (query.has('encoder')) return link;
  const label = decodedComponent(match[1] ?? '');
  const colon = label.indexOf(':');
  const issuer = colon > 0 ? label.slice(0, colon) : query.get('issuer');
  if (issuer !== 'Steam' && !query.has('steam')) return link;
  return `${link}${match[2] ? '&' : '?'}encoder=steam`;
}

function readRow(link: string, source: string): Found {
  try {
    if (/^motp:/i.test(link)) otpTypeOf('motp');
    if (/^otpauth:\/\/yaotp\//i.test(link)) otpTypeOf('yandex');
  } catch (error) {
    if (!isAuthdeskError(error)) throw error;
    return {
      ...nothingFound(),
      problems: [{ source, code: error.code, message: error.message }],
    };
  }
  if (!/^otpauth:/i.test(link)) {
    const problem = new AuthdeskError('URI_SCHEME', 'This row holds no otpauth:// link.');
    return {
      ...nothingFound(),
      problems: [{ source, code: problem.code, message: problem.message }],
    };
  }
  return fromText(steamMarked(link), source);
}

/**
 * Authenticator Pro's HTML export, or null for any other text. Each row's link is read as a pasted
 * link is (its own checks), a problem naming the row's issuer and username when refused.
 */
export function openAuthenticatorProHtml(
  text: string,
  _name: string,
  source: string,
): OpenedFile | null {
  if (!text.includes(HTML_MARK)) return null;
  return {
    format: FORMAT,
    encrypted: false,
    read: async () => {
      const rows = text
        .split(/<tr>/i)
        .slice(1)
        .map(cells)
        .filter((row) => row.length > 0);
      return combine(
        rows.map((row, index) => {
          const place = describePlace(
            `row ${index + 1}`,
            htmlText(row[0] ?? ''),
            htmlText(row[1] ?? ''),
          );
          const link = htmlText((row[2] ?? '').replace(/<\/?code>/gi, ''));
          const found = readRow(link, source);
          return {
            ...found,
            problems: found.problems.map((p) => ({
              ...p,
              detail: p.detail ? `${place}: ${p.detail}` : place,
            })),
          };
        }),
      );
    },
  };
}
