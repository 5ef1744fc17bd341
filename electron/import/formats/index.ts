// Other apps' export files: recognise one by its content, then read it into accounts and explained problems.
import { AuthdeskError } from '../../../shared/errors';
import { IMPORT_FILE_MAX_BYTES } from '../../../shared/ipc';
import { IMPORT_FORMAT_NAMES, type ImportFormatId } from '../../../shared/transfer';
import type { Found } from '../found';
import { looksLikeAegis, openAegis } from './aegis';
import { looksLikeAndOtp, openAndOtpEncrypted, openAndOtpList } from './andotp';
import {
  looksLikeAuthenticatorPro,
  openAuthenticatorProEncrypted,
  openAuthenticatorProHtml,
  openAuthenticatorProJson,
} from './authenticator-pro';
import {
  AUTHY_FIELDS,
  looksLikeAuthyList,
  looksLikeAuthyTokens,
  openAuthyList,
  openAuthyTokens,
  openAuthyXml,
} from './authy';
import { openBattleNet } from './battle-net';
import {
  looksLikeBitwardenCsv,
  looksLikeBitwardenJson,
  openBitwardenCsv,
  openBitwardenJson,
} from './bitwarden';
import { looksLikeEnte, openEnte, openEnteText } from './ente';
import { looksLikeDuo, openDuo } from './duo';
import { decodeText, describeBinary, isRecord, parseJson } from './file-text';
import { openFreeOtpBackup, openFreeOtpXml } from './freeotp';
import { looksLikeFreeOtpPlus, openFreeOtpPlus } from './freeotp-plus';
import { openGoogleDatabase } from './google-database';
import { looksLikeLastPass, openLastPass } from './lastpass';
import { openLinkList } from './link-list';
import {
  looksLikeSteamManifest,
  looksLikeSteamMaFile,
  openSteamEncrypted,
  openSteamManifest,
  openSteamMaFile,
} from './steam';
import { openTotpAuthenticator } from './totp-authenticator';
import { openMicrosoftAuthenticator } from './microsoft-authenticator';
import { corruptFile, unrecognizedFile, type OpenedFile } from './opened-file';
import {
  looksLikeBrokenProton,
  looksLikeProton,
  looksLikeProtonEncrypted,
  openProton,
  openProtonEncrypted,
} from './proton';
import { looksLikeTwofas, openTwofas } from './twofas';

export interface DetectedFile {
  format: ImportFormatId;
  encrypted: boolean;
}

/** "an Authdesk backup or a file from Aegis, 2FAS, …, or a list of otpauth:// links", from the format names. */
const KNOWN_FORMATS = `an Authdesk backup, a file from ${Object.entries(IMPORT_FORMAT_NAMES)
  .filter(([id]) => id !== 'authdesk-backup' && id !== 'otpauth-list' && id !== 'google')
  .map(([, name]) => name)
  .join(', ')}, Google Authenticator export QR codes, or a list of otpauth:// links`;

/**
 * JSON objects of other apps, tried in order; the first whose `looks` is true opens the file. Each
 * `looks` must be specific (field names only that app writes), since an earlier one wins.
 */
const JSON_OBJECT_FORMATS: {
  looks: (value: Record<string, unknown>, name: string) => boolean;
  open: (value: Record<string, unknown>, source: string) => OpenedFile;
}[] = [
  { looks: looksLikeAegis, open: openAegis },
  { looks: looksLikeFreeOtpPlus, open: openFreeOtpPlus },
  { looks: looksLikeSteamMaFile, open: openSteamMaFile },
  { looks: looksLikeSteamManifest, open: openSteamManifest },
  { looks: looksLikeBitwardenJson, open: openBitwardenJson },
  { looks: looksLikeTwofas, open: openTwofas },
  { looks: looksLikeAuthyTokens, open: openAuthyTokens },
  { looks: looksLikeEnte, open: openEnte },
  { looks: looksLikeProton, open: openProton },
  { looks: looksLikeProtonEncrypted, open: openProtonEncrypted },
  { looks: looksLikeAuthenticatorPro, open: openAuthenticatorProJson },
  { looks: looksLikeLastPass, open: openLastPass },
];

/** JSON lists of entries (andOTP's plain export, and others that are a bare list), tried in order. */
const JSON_LIST_FORMATS: {
  looks: (value: unknown[], name: string) => boolean;
  open: (value: unknown[], source: string) => OpenedFile;
}[] = [
  { looks: looksLikeAndOtp, open: openAndOtpList },
  { looks: looksLikeAuthyList, open: openAuthyList },
  { looks: looksLikeDuo, open: openDuo },
];

/**
 * Text that is neither JSON nor a link list (XML preferences files, base64 blobs…): each returns an
 * OpenedFile when the text is its format, null otherwise. Tried before the otpauth:// link list.
 */
const TEXT_FORMATS: ((text: string, name: string, source: string) => OpenedFile | null)[] = [
  openAuthenticatorProHtml,
  openFreeOtpXml,
  openEnteText,
  openSteamEncrypted,
  openTotpAuthenticator,
  openAuthyXml,
  openBattleNet,
];

/**
 * Binary files recognised by a header of their own (a SQLite database, a file that starts with its
 * app's name): each returns an OpenedFile when the bytes are its format, null otherwise. Tried
 * before the image/archive signatures and before text.
 */
const BINARY_FORMATS: ((bytes: Uint8Array, name: string, source: string) => OpenedFile | null)[] = [
  openFreeOtpBackup,
  openMicrosoftAuthenticator,
  openGoogleDatabase,
  openAuthenticatorProEncrypted,
];

/**
 * Binary files with no header (random-looking bytes: andOTP's encrypted backups), each recognised by
 * its structure only; tried last, after text.
 */
const HEADERLESS_FORMATS: ((
  bytes: Uint8Array,
  name: string,
  source: string,
) => OpenedFile | null)[] = [openAndOtpEncrypted];

const backup: OpenedFile = {
  format: 'authdesk-backup',
  encrypted: true,
  read: async () => {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      'Authdesk backups are read by the backup restore, not by the importers of other apps’ files.',
    );
  },
};

function authdeskFile(format: string): OpenedFile {
  if (format === 'authdesk-backup') return backup;
  if (format === 'authdesk-vault') {
    throw unrecognizedFile(
      'This is an Authdesk vault file, not a backup. To move accounts to another computer, ' +
        'make an Authdesk backup there and import the backup file.',
    );
  }
  throw new AuthdeskError(
    'FILE_TOO_NEW',
    'This Authdesk file is of a kind this version does not know; it was probably made by a newer Authdesk.',
  );
}

function openJsonObject(value: Record<string, unknown>, name: string, source: string): OpenedFile {
  if (typeof value.format === 'string' && value.format.startsWith('authdesk-')) {
    return authdeskFile(value.format);
  }
  const format = JSON_OBJECT_FORMATS.find(({ looks }) => looks(value, name));
  if (format) return format.open(value, source);
  throw unrecognizedFile(
    `This JSON file is none of the formats Authdesk imports: ${KNOWN_FORMATS}.`,
  );
}

// Marks that survive when a JSON file is cut short, checked in this order. Plain substring tests:
// a regular expression spanning the text could take quadratic time on a hostile 20 MB file.
const BROKEN_JSON_MARKS: { format: ImportFormatId; test: (text: string) => boolean }[] = [
  { format: 'authdesk-backup', test: (t) => /"format"\s*:\s*"authdesk-backup"/.test(t) },
  { format: 'aegis', test: (t) => t.includes('"header"') && t.includes('"db"') },
  { format: '2fas', test: (t) => /"(servicesEncrypted|schemaVersion)"\s*:/.test(t) },
  {
    format: 'bitwarden',
    test: (t) => /"encrypted"\s*:\s*(true|false)/.test(t) && t.includes('"items"'),
  },
  { format: 'authenticator-pro', test: (t) => t.includes('"Authenticators"') },
  { format: 'lastpass', test: (t) => t.includes('"accounts"') && t.includes('"issuerName"') },
  { format: 'freeotp-plus', test: (t) => t.includes('"tokens"') && t.includes('"issuerExt"') },
  { format: 'steam', test: (t) => t.includes('"shared_secret"') },
  { format: 'authy', test: (t) => AUTHY_FIELDS.test(t) },
  { format: 'duo', test: (t) => t.includes('"otpGenerator"') },
  { format: 'andotp', test: (t) => /^\s*\[\s*\{/.test(t) && t.includes('"secret"') },
  { format: 'ente', test: (t) => t.includes('"kdfParams"') && t.includes('"encryptedData"') },
  { format: 'proton', test: looksLikeBrokenProton },
];

/** Text that starts like JSON but does not parse: a known format cut short, or not JSON at all. */
function brokenJson(text: string, name: string): OpenedFile | null {
  if (/"format"\s*:\s*"authdesk-vault"/.test(text)) return authdeskFile('authdesk-vault');
  const mark = BROKEN_JSON_MARKS.find(({ test }) => test(text));
  const format = mark?.format ?? (/\.2fas$/i.test(name) ? '2fas' : undefined);
  if (format === 'authdesk-backup') return backup;
  if (format !== undefined) {
    throw corruptFile(format, 'it is not complete JSON (it may be cut short)');
  }
  return null;
}

function openText(text: string, name: string, source: string): OpenedFile {
  const start = text.trimStart()[0];
  if (start === '{' || start === '[') {
    const parsed = parseJson(text);
    if (parsed !== null) {
      const { value } = parsed;
      if (isRecord(value)) return openJsonObject(value, name, source);
      if (Array.isArray(value)) {
        const list = value as unknown[];
        const format = JSON_LIST_FORMATS.find(({ looks }) => looks(list, name));
        if (format) return format.open(list, source);
      }
      if (Array.isArray(value) && value.length === 0) {
        throw unrecognizedFile('This file holds an empty JSON list: there is nothing to import.');
      }
      throw unrecognizedFile(
        `This JSON file is none of the formats Authdesk imports: ${KNOWN_FORMATS}.`,
      );
    }
    const broken = brokenJson(text, name);
    if (broken) return broken;
  }
  if (looksLikeBitwardenCsv(text)) return openBitwardenCsv(text, source);
  for (const open of TEXT_FORMATS) {
    const file = open(text, name, source);
    if (file) return file;
  }
  const list = openLinkList(text, source);
  if (list) return list;
  throw unrecognizedFile(
    `This text file holds no otpauth:// or otpauth-migration:// links. Authdesk imports ${KNOWN_FORMATS}.`,
  );
}

/** A format told only by the file's name and size (an old encrypted andOTP backup), or null. */
function openHeaderless(bytes: Uint8Array, name: string): OpenedFile | null {
  for (const open of HEADERLESS_FORMATS) {
    const file = open(bytes, name, name);
    if (file) return file;
  }
  return null;
}

/** Recognises the file and checks its structure; runs no KDF. Every failure is an AuthdeskError. */
function openImportFile(bytes: Uint8Array, name: string): OpenedFile {
  if (bytes.length > IMPORT_FILE_MAX_BYTES) {
    throw new AuthdeskError(
      'FILE_TOO_LARGE',
      `This file is ${Math.ceil(bytes.length / 1024 / 1024)} MB; export files from other apps are ` +
        `far smaller (the limit is ${IMPORT_FILE_MAX_BYTES / 1024 / 1024} MB).`,
    );
  }
  if (bytes.length === 0) throw unrecognizedFile('This file is empty.');
  for (const open of BINARY_FORMATS) {
    const file = open(bytes, name, name);
    if (file) return file;
  }
  const signature = describeBinary(bytes);
  if (signature) throw unrecognizedFile(signature);
  const text = decodeText(bytes);
  if (text !== null) {
    try {
      return openText(text, name, name);
    } catch (error) {
      // Random bytes without NUL or control bytes read as text (a short encrypted file does about
      // once in 16): a file its name says is an encrypted backup is still tried as one.
      if (!(error instanceof AuthdeskError && error.code === 'FILE_UNRECOGNIZED')) throw error;
      const file = openHeaderless(bytes, name);
      if (file) return file;
      throw error;
    }
  }
  const file = openHeaderless(bytes, name);
  if (file) return file;
  throw unrecognizedFile(
    `This file is not text and not an encrypted andOTP backup. Authdesk imports ${KNOWN_FORMATS}.`,
  );
}

/**
 * Recognises a file by its content (the name is only a hint, e.g. .2fas or .aes). Cheap: checks the
 * structure but never runs a KDF. FILE_TOO_LARGE over IMPORT_FILE_MAX_BYTES; FILE_UNRECOGNIZED
 * otherwise, naming what it looks like when known (an Authdesk vault, an encrypted Bitwarden
 * export…); FILE_CORRUPT when it is plainly a known format but damaged (cut short, a broken
 * header, absurd KDF parameters), so that no password is asked for a file that cannot be read.
 */
export function detectImportFile(bytes: Uint8Array, name: string): DetectedFile {
  const file = openImportFile(bytes, name);
  recognised.set(bytes, { name, file });
  return { format: file.format, encrypted: file.encrypted };
}

/**
 * The file detectImportFile just recognised, kept for the one read that follows with the same bytes
 * (the window and `authdesk import` recognise, then read): a 20 MB export is decoded and parsed
 * once, not twice. Taken out by that read, so a retry with another password opens the file afresh.
 */
const recognised = new WeakMap<Uint8Array, { name: string; file: OpenedFile }>();

function takeRecognised(bytes: Uint8Array, name: string): OpenedFile | undefined {
  const held = recognised.get(bytes);
  recognised.delete(bytes);
  return held?.name === name ? held.file : undefined;
}

/**
 * Every format except 'authdesk-backup' (INVALID_ARGUMENT for that one: another module reads
 * backups). PASSWORD_REQUIRED when the file is encrypted and password is undefined or '';
 * WRONG_PASSWORD; FILE_CORRUPT for damaged, truncated or structurally wrong files of a known format;
 * CANCELLED when `signal` went before or while a key was derived.
 * Entries that cannot become accounts are problems in Found, not failures. `source` is `name`.
 */
export async function readImportFile(
  bytes: Uint8Array,
  name: string,
  password?: string,
  signal?: AbortSignal,
): Promise<Found> {
  const file = takeRecognised(bytes, name) ?? openImportFile(bytes, name);
  if (file.format === 'authdesk-backup') return backup.read();
  return file.read(password, signal);
}
