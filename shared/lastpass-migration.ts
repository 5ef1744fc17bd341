// LastPass Authenticator's transfer QR codes (lpaauth-migration://offline?data=…): base64 of gzip of a
// JSON envelope {version: 3, batchId, batchSize, batchIndex, content}, whose content is base64 of gzip of
// {a: [accounts], f: [folders]}. LastPass does not publish the format; this follows what the apps that
// read these codes decode (2FAS iOS, extract-otp-web) and names each field where it is read.
import { ACCOUNT_LIMITS, type AccountInput, type Algorithm } from './account';
import { normalizeSecret } from './base32';
import { AuthdeskError, isAuthdeskError } from './errors';
import { gunzip } from './inflate';
import {
  linkBase64,
  offlineLinkData,
  type MigrationProblem,
  type MigrationResult,
} from './migration';
import { validateOtpParams } from './otp';
import { fitTagName } from './tags';
import { normalizeName } from './otpauth';

const PREFIX = 'lpaauth-migration://';
/** The envelope version the readers of these codes know; a newer one is refused by name. */
const VERSION = 3;
/**
 * A QR code holds at most about 3 KB; what it inflates to is bounded well above any real export
 * (compression cannot exceed about 1000:1), so hostile data cannot make us allocate much.
 */
const MAX_INFLATED_BYTES = 1024 * 1024;
/** LastPass's built-in folders: "Other Accounts" (no tag) and "Favorites" (pinned). */
const OTHER_FOLDER = 0;
const FAVORITES_FOLDER = 1;
const DEFAULT_PERIOD = 30;
const DEFAULT_DIGITS = 6;

/** True for text that is a LastPass Authenticator transfer link. */
export function isLastPassMigrationUri(text: string): boolean {
  return text.trim().slice(0, PREFIX.length).toLowerCase() === PREFIX;
}

function malformed(message: string): AuthdeskError {
  return new AuthdeskError('MIGRATION_MALFORMED', message);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Strict UTF-8 (shared/ has neither Node's Buffer nor the DOM's TextDecoder): every byte
 * percent-escaped, then decodeURIComponent, which throws URIError on anything not UTF-8.
 */
function utf8(bytes: Uint8Array): string {
  let escaped = '';
  for (const byte of bytes)
    escaped += byte < 16 ? `%0${byte.toString(16)}` : `%${byte.toString(16)}`;
  return decodeURIComponent(escaped);
}

/** base64 → gzip → UTF-8 → JSON object, each step failing with `what` named. */
function packedJson(base64: string, what: string): Record<string, unknown> {
  const bytes = linkBase64(base64);
  if (bytes === null) throw malformed(`The ${what} is not valid base64; it may be cut short.`);
  const inflated = gunzip(bytes, MAX_INFLATED_BYTES);
  if (!inflated.ok) {
    throw malformed(
      inflated.reason === 'too-large'
        ? `The ${what} unpacks to far more data than any export holds.`
        : `The ${what} is not complete gzip data; the code may be damaged or cut short.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(utf8(inflated.bytes));
  } catch {
    throw malformed(`The ${what} is not the JSON a LastPass Authenticator export holds.`);
  }
  if (!isRecord(value)) {
    throw malformed(`The ${what} is not the JSON a LastPass Authenticator export holds.`);
  }
  return value;
}

// FNV-1a: the batch id LastPass writes is a UUID; Authdesk's batches are numbered.
function batchNumber(text: string): number {
  let hash = 0x811c9dc5;
  for (const ch of text) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 0x01000193);
  return hash & 0x7fffffff;
}

const wholeNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function batchOf(envelope: Record<string, unknown>, content: string): MigrationResult['batch'] {
  const { batchId, batchSize, batchIndex } = envelope;
  const size = wholeNumber(batchSize) && batchSize > 0 ? batchSize : 1;
  const index = wholeNumber(batchIndex) ? batchIndex : 0;
  if (index >= size) {
    throw malformed(`This LastPass code says it is code ${index + 1} of ${size}.`);
  }
  const id =
    typeof batchId === 'string' && batchId !== ''
      ? batchNumber(batchId)
      : wholeNumber(batchId)
        ? batchId & 0x7fffffff
        : batchNumber(content);
  return { size, index, id };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function algorithmOf(value: unknown): Algorithm {
  if (value === undefined || value === null || value === '') return 'SHA1';
  const name = typeof value === 'string' ? value.trim().toUpperCase().replace(/[-_]/g, '') : '';
  if (name === 'SHA1' || name === 'SHA256' || name === 'SHA512') return name;
  throw new AuthdeskError(
    'ALGORITHM_UNSUPPORTED',
    `This account uses the ${JSON.stringify(String(value).slice(0, 20))} algorithm; Authdesk supports SHA1, SHA256 and SHA512.`,
  );
}

function numberOr(value: unknown, fallback: number, code: 'DIGITS_INVALID' | 'PERIOD_INVALID') {
  if (value === undefined || value === null || value === 0) return fallback;
  if (!wholeNumber(value)) {
    throw new AuthdeskError(
      code,
      `The ${code === 'DIGITS_INVALID' ? 'number of digits' : 'time step'} of this account is not a whole number.`,
    );
  }
  return value;
}

/** Folder id → name, for the folders an account can be filed in besides LastPass's own two. */
function folderNames(value: unknown): Map<number, string> {
  const folders = new Map<number, string>();
  if (!Array.isArray(value)) return folders;
  for (const folder of value as unknown[]) {
    if (isRecord(folder) && wholeNumber(folder.i) && typeof folder.n === 'string') {
      folders.set(folder.i, folder.n);
    }
  }
  return folders;
}

/**
 * One account: s secret (base32), a algorithm, d digits, tS time step, iN/uN issuer and user name
 * as shown (oIN/oUN as first added), iF favourite, fD.folderId its folder. LastPass codes are TOTP.
 */
function readAccount(entry: Record<string, unknown>, folders: Map<number, string>): AccountInput {
  if (typeof entry.s !== 'string' || entry.s.trim() === '') {
    throw new AuthdeskError('SECRET_MISSING', 'This account has no secret key in the export.');
  }
  const folderId = isRecord(entry.fD) ? entry.fD.folderId : undefined;
  const folder =
    wholeNumber(folderId) && folderId !== OTHER_FOLDER && folderId !== FAVORITES_FOLDER
      ? fitTagName(folders.get(folderId))
      : '';
  const account: AccountInput = {
    type: 'totp',
    algorithm: algorithmOf(entry.a),
    digits: numberOr(entry.d, DEFAULT_DIGITS, 'DIGITS_INVALID'),
    period: numberOr(entry.tS, DEFAULT_PERIOD, 'PERIOD_INVALID'),
    counter: 0,
    secret: normalizeSecret(entry.s),
    issuer: normalizeName(text(entry.iN) || text(entry.oIN), 'issuer'),
    label: normalizeName(text(entry.uN) || text(entry.oUN), 'label'),
    ...(folder && { tags: [folder] }),
    ...((entry.iF === true || folderId === FAVORITES_FOLDER) && { pinned: true }),
  };
  validateOtpParams(account);
  return account;
}

function displayable(value: unknown): string {
  return [...text(value).replace(/[\p{Cc}\p{Cs}]/gu, '\uFFFD')]
    .slice(0, ACCOUNT_LIMITS.name)
    .join('');
}

/**
 * Reads one LastPass transfer link into the same result as a Google export link, so the scan, the
 * window and `authdesk add` treat both alike. Throws only for the link as a whole; a bad account is
 * a problem naming it.
 */
export function decodeLastPassMigrationUri(uri: string): MigrationResult {
  const trimmed = uri.trim();
  if (!isLastPassMigrationUri(trimmed)) {
    throw new AuthdeskError(
      'URI_SCHEME',
      'This is not a LastPass Authenticator transfer link (lpaauth-migration://).',
    );
  }
  const envelope = packedJson(
    offlineLinkData(trimmed, PREFIX, 'LastPass link'),
    'data in this LastPass link',
  );
  const { version, content } = envelope;
  if (typeof version === 'number' && version > VERSION) {
    throw new AuthdeskError(
      'MIGRATION_UNSUPPORTED',
      `This LastPass transfer code is of version ${version}, newer than the version ${VERSION} Authdesk reads.`,
    );
  }
  if (version !== VERSION) {
    throw malformed('This LastPass transfer code has no version Authdesk knows.');
  }
  if (typeof content !== 'string' || content === '') {
    throw malformed('This LastPass transfer code carries no accounts (its content is missing).');
  }
  const batch = batchOf(envelope, content);
  const inner = packedJson(content, 'content of this LastPass code');
  if (!Array.isArray(inner.a)) {
    throw malformed('This LastPass transfer code has no list of accounts.');
  }
  const entries = inner.a as unknown[];
  if (entries.length === 0) throw malformed('This LastPass transfer code contains no accounts.');
  const folders = folderNames(inner.f);
  const accounts: AccountInput[] = [];
  const problems: MigrationProblem[] = [];
  entries.forEach((entry, index) => {
    const record = isRecord(entry) ? entry : {};
    try {
      if (!isRecord(entry)) throw malformed('This entry is not an account.');
      accounts.push(readAccount(entry, folders));
    } catch (error) {
      if (!isAuthdeskError(error)) throw error;
      problems.push({
        index,
        name: displayable(record.uN) || displayable(record.oUN),
        issuer: displayable(record.iN) || displayable(record.oIN),
        error: error.toInfo(),
      });
    }
  });
  return { accounts, problems, batch, version: VERSION };
}
