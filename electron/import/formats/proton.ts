// Proton Authenticator exports (protonpass/proton-pass-common, proton-authenticator/src/entry): the JSON
// {version, entries: [{id, content: {uri, entry_type, name}, note}]}, plain or encrypted with a password.
import { createDecipheriv } from 'node:crypto';
import type { AccountInput } from '../../../shared/account';
import { encodeBase32 } from '../../../shared/base32';
import { AuthdeskError } from '../../../shared/errors';
import { parseOtpauthUri } from '../../../shared/otpauth';
import type { Found } from '../found';
import { finishAccount } from '../finish-account';
import { accountFromFields, describePlace, FoundCollector } from './entries';
import {
  importKeyArgon2id,
  base64Bytes,
  GCM_NONCE_BYTES,
  GCM_TAG_BYTES,
  type Argon2Params,
} from './file-crypto';
import { decryptedJson, isRecord } from './file-text';
import {
  corruptFile,
  passwordCandidates,
  requirePassword,
  unrecognizedFile,
  wrongPassword,
  type OpenedFile,
} from './opened-file';

/** The only version Proton writes, of the export and of its encrypted envelope. */
const EXPORT_VERSION = 1;
/**
 * The encrypted export's fixed cost (password_exporter.rs): Argon2id v1.3, 19 MiB, 2 passes, one
 * lane, a 16-byte salt; the file stores no parameters, so it cannot ask for more.
 */
const PROTON_ARGON2 = { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 } as const;
const SALT_BYTES = 16;
/** AES-256-GCM's associated data for password exports (EncryptionTag::PasswordExport). */
const EXPORT_AAD = Buffer.from('proton.authenticator.export.v1', 'utf8');

const corrupt = (why: string) => corruptFile('proton', why);

// ---------------------------------------------------------------------------------------------
// Recognising the two files.

function isProtonEntry(entry: unknown): boolean {
  return isRecord(entry) && isRecord(entry.content) && 'entry_type' in entry.content;
}

/**
 * The plain export: version and entries whose content has an entry_type (a name only Proton uses);
 * an empty export is {version, entries: []} and nothing else.
 */
export function looksLikeProton(value: Record<string, unknown>): boolean {
  if (!('version' in value) || !Array.isArray(value.entries)) return false;
  const entries = value.entries as unknown[];
  if (entries.length === 0) return Object.keys(value).length === 2;
  return entries.some(isProtonEntry);
}

/** The encrypted export: {version, salt, content} (serialised in that order), without entries. */
export function looksLikeProtonEncrypted(value: Record<string, unknown>): boolean {
  return 'version' in value && 'salt' in value && 'content' in value && !('entries' in value);
}

/** A Proton export cut short: its entry_type field, or the start of the encrypted envelope. */
export function looksLikeBrokenProton(text: string): boolean {
  return (
    (text.includes('"entries"') && text.includes('"entry_type"')) ||
    /^\s*\{\s*"version"\s*:\s*\d+\s*,\s*"salt"\s*:/.test(text)
  );
}

function checkVersion(version: unknown, what: string): void {
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw corrupt(`${what} has no valid version`);
  }
  if (version > EXPORT_VERSION) {
    throw unrecognizedFile(
      `This Proton Authenticator export uses version ${version}; Authdesk reads version ` +
        `${EXPORT_VERSION}. Export the codes again from Proton Authenticator, or as a list of otpauth:// links.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Entries.

/** Proton's Steam URI: steam://<the secret's bytes in standard base64>. */
function steamSecret(uri: string): string {
  const match = /^steam:\/\/(.+)$/i.exec(uri.trim());
  let encoded = match?.[1] ?? '';
  try {
    encoded = decodeURIComponent(encoded);
  } catch {
    // Not percent-encoded: read as it is.
  }
  const bytes = base64Bytes(encoded);
  if (bytes === null || bytes.length === 0) {
    throw new AuthdeskError(
      'SECRET_INVALID',
      'The Steam secret of this entry is not the base64 text Proton Authenticator writes.',
    );
  }
  return encodeBase32(bytes);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function accountOf(entry: Record<string, unknown>): AccountInput {
  const content = isRecord(entry.content) ? entry.content : {};
  const uri = typeof content.uri === 'string' ? content.uri : '';
  const name = text(content.name);
  const note = text(entry.note);
  const kind = typeof content.entry_type === 'string' ? content.entry_type.toLowerCase() : '';
  if (kind === 'steam') {
    return accountFromFields({
      type: 'steam',
      secret: steamSecret(uri),
      issuer: 'Steam',
      label: name ?? '',
      note,
    });
  }
  if (kind !== 'totp') {
    throw new AuthdeskError(
      'URI_TYPE',
      'This entry is of a kind Proton Authenticator does not document; Authdesk reads its TOTP and Steam entries.',
    );
  }
  const account = parseOtpauthUri(uri);
  // Proton's name is the URI's label, or its issuer when there is no label.
  const label = account.label || (name !== undefined && name !== account.issuer ? name : '');
  return finishAccount({ ...account, label, ...(note !== undefined && { note }) });
}

function readEntries(entries: unknown[], source: string): Found {
  const found = new FoundCollector(source);
  entries.forEach((entry, index) => {
    const content = isRecord(entry) && isRecord(entry.content) ? entry.content : {};
    found.add(describePlace(`entry ${index + 1}`, content.name), () => {
      if (!isRecord(entry)) {
        throw new AuthdeskError(
          'ACCOUNT_INVALID',
          'This entry is not in the form the file format describes.',
        );
      }
      return accountOf(entry);
    });
  });
  return found.found();
}

function plainEntries(file: unknown, what: string): unknown[] {
  if (!isRecord(file)) throw corrupt(`${what} is not an object`);
  checkVersion(file.version, what);
  if (!Array.isArray(file.entries)) throw corrupt(`${what} has no list of entries`);
  return file.entries as unknown[];
}

// ---------------------------------------------------------------------------------------------
// The encrypted envelope.

interface Sealed {
  salt: Buffer;
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function sealed(file: Record<string, unknown>): Sealed {
  checkVersion(file.version, 'its envelope');
  const salt = base64Bytes(file.salt);
  if (salt?.length !== SALT_BYTES) throw corrupt('its salt is missing or damaged');
  const content = base64Bytes(file.content);
  if (content === null || content.length < GCM_NONCE_BYTES + GCM_TAG_BYTES) {
    throw corrupt('its encrypted content is missing, cut short or not valid base64');
  }
  return {
    salt,
    nonce: content.subarray(0, GCM_NONCE_BYTES),
    ciphertext: content.subarray(GCM_NONCE_BYTES, content.length - GCM_TAG_BYTES),
    tag: content.subarray(content.length - GCM_TAG_BYTES),
  };
}

/** AES-256-GCM with Proton's associated data: the plaintext, or null when the key does not open it. */
function openExport(key: Buffer, { nonce, ciphertext, tag }: Sealed): Buffer | null {
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES });
  decipher.setAAD(EXPORT_AAD);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

async function decrypt(
  file: Sealed,
  password: string | undefined,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  const kdf: Argon2Params = { ...PROTON_ARGON2, salt: file.salt };
  for (const candidate of passwordCandidates(requirePassword('proton', password))) {
    const key = await importKeyArgon2id('proton', candidate, kdf, signal);
    const plain = openExport(key, file);
    key.fill(0);
    if (plain !== null) {
      const parsed = decryptedJson(plain);
      if (parsed === null) throw corrupt('its decrypted content is not JSON');
      return parsed.value;
    }
  }
  // GCM's tag covers the content: a wrong password and changed bytes look the same, and there is
  // no separate check of the password; the password is by far the likelier.
  throw wrongPassword('proton');
}

// ---------------------------------------------------------------------------------------------

export function openProton(file: Record<string, unknown>, source: string): OpenedFile {
  const entries = plainEntries(file, 'it');
  return { format: 'proton', encrypted: false, read: async () => readEntries(entries, source) };
}

/** Checks the envelope without deriving a key (the cost is Proton's fixed one). */
export function openProtonEncrypted(file: Record<string, unknown>, source: string): OpenedFile {
  const checked = sealed(file);
  return {
    format: 'proton',
    encrypted: true,
    read: async (password, signal) => {
      const inner = await decrypt(checked, password, signal);
      return readEntries(plainEntries(inner, 'its decrypted content'), source);
    },
  };
}
