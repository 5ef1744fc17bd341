// Google Authenticator's export links (otpauth-migration://offline?data=…): decode and encode batches.
import { base64, base64nopad } from '@scure/base';
import protobuf from 'protobufjs/light.js';
import { ACCOUNT_LIMITS, displayName, type AccountInput, type OtpType } from './account';
import { decodeBase32, encodeBase32 } from './base32';
import { AuthdeskError, isAuthdeskError, type ErrorInfo } from './errors';
import { validateOtpParams } from './otp';
import { normalizeName } from './otpauth';

// Google's schema (MigrationPayload in its export protobuf), built by reflection so there is no
// .proto file to load and no generated code to keep in step. protobufjs compiles its codecs with
// `Function`, so this module belongs in main and the CLI, not in the CSP-locked renderer.
const root = protobuf.Root.fromJSON({
  nested: {
    MigrationPayload: {
      fields: {
        otpParameters: { rule: 'repeated', type: 'OtpParameters', id: 1 },
        version: { type: 'int32', id: 2 },
        batchSize: { type: 'int32', id: 3 },
        batchIndex: { type: 'int32', id: 4 },
        batchId: { type: 'int32', id: 5 },
      },
      nested: {
        Algorithm: { values: { UNSPECIFIED: 0, SHA1: 1, SHA256: 2, SHA512: 3, MD5: 4 } },
        DigitCount: { values: { UNSPECIFIED: 0, SIX: 1, EIGHT: 2 } },
        OtpType: { values: { UNSPECIFIED: 0, HOTP: 1, TOTP: 2 } },
        OtpParameters: {
          fields: {
            secret: { type: 'bytes', id: 1 },
            name: { type: 'string', id: 2 },
            issuer: { type: 'string', id: 3 },
            algorithm: { type: 'Algorithm', id: 4 },
            digits: { type: 'DigitCount', id: 5 },
            type: { type: 'OtpType', id: 6 },
            counter: { type: 'int64', id: 7 },
          },
        },
      },
    },
  },
});
const Payload = root.lookupType('MigrationPayload');

const ALGORITHM = { UNSPECIFIED: 0, SHA1: 1, SHA256: 2, SHA512: 3, MD5: 4 } as const;
const DIGITS = { UNSPECIFIED: 0, SIX: 1, EIGHT: 2 } as const;
const TYPE = { UNSPECIFIED: 0, HOTP: 1, TOTP: 2 } as const;
/** Google Authenticator has no period field: every TOTP account it holds uses 30 seconds. */
const GOOGLE_PERIOD = 30;
const PREFIX = 'otpauth-migration://';

export interface MigrationProblem {
  /** Position of the entry in this batch, from 0. */
  index: number;
  /** The entry's name and issuer as exported, made safe to display. */
  name: string;
  issuer: string;
  error: ErrorInfo;
}

export interface MigrationResult {
  /** Every entry that could be read; an unreadable entry does not stop the others. */
  accounts: AccountInput[];
  problems: MigrationProblem[];
  /** size = how many links the export has, index = this link's position from 0, id = shared by all. */
  batch: { size: number; index: number; id: number };
  version: number;
}

interface RawEntry {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  /** int64 as a decimal string, so no value is silently rounded. */
  counter: string;
}

function malformed(message: string, cause?: unknown): AuthdeskError {
  return new AuthdeskError('MIGRATION_MALFORMED', message, { cause });
}

/**
 * The `data` parameter of an `<prefix>offline?data=…` transfer link (Google's and LastPass's),
 * percent-decoded by hand: form decoding (URLSearchParams) would turn '+' into a space. `link`
 * names the link in messages ("export link", "LastPass link").
 */
export function offlineLinkData(uri: string, prefix: string, link: string): string {
  const q = uri.indexOf('?');
  const authority = uri.slice(prefix.length, q < 0 ? undefined : q).replace(/\/+$/, '');
  if (authority.toLowerCase() !== 'offline') {
    throw malformed(`This ${link} is not in the form ${prefix}offline?data=….`);
  }
  const field = (q < 0 ? '' : uri.slice(q + 1))
    .split('#')[0]
    ?.split('&')
    .find((part) => part.slice(0, 5).toLowerCase() === 'data=');
  if (field === undefined || field.length === 5) {
    throw malformed(`This ${link} has no data (the "data=" part is missing or empty).`);
  }
  try {
    return decodeURIComponent(field.slice(5));
  } catch (error) {
    throw malformed(`The data in this ${link} has a broken %-escape.`, error);
  }
}

/**
 * Base64 as transfer links carry it, or null: a '+' that reached us as a literal space (an earlier
 * form decode) is put back, and base64url is accepted too, since some tools re-encode the data so.
 */
export function linkBase64(text: string): Uint8Array | null {
  const standard = text
    .replace(/ /g, '+')
    .replace(/[\r\n\t]/g, '')
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .replace(/=+$/, '');
  try {
    return base64nopad.decode(standard);
  } catch {
    return null;
  }
}

/** The bytes of the `data` parameter, undoing what QR scanners and form decoders do to it. */
function readData(uri: string): Uint8Array {
  const bytes = linkBase64(offlineLinkData(uri, PREFIX, 'export link'));
  if (bytes === null) {
    throw malformed('The data in this export link is not valid base64; it may be cut short.');
  }
  return bytes;
}

function readPayload(bytes: Uint8Array) {
  if (bytes.length === 0) throw malformed('The data in this export link is empty.');
  let object: Record<string, unknown>;
  try {
    object = Payload.toObject(Payload.decode(bytes), {
      longs: String,
      enums: Number,
      defaults: true,
      arrays: true,
    });
  } catch (error) {
    throw malformed('The data in this export link is not a Google Authenticator export.', error);
  }
  const entries = object.otpParameters as RawEntry[];
  if (entries.length === 0) throw malformed('This export link contains no accounts.');
  return {
    entries,
    version: Number(object.version),
    batch: {
      size: Number(object.batchSize),
      index: Number(object.batchIndex),
      id: Number(object.batchId),
    },
  };
}

function unsupported(message: string): AuthdeskError {
  return new AuthdeskError('MIGRATION_UNSUPPORTED', message);
}

function readEntry(entry: RawEntry): AccountInput {
  if (entry.secret.length === 0) {
    throw new AuthdeskError('SECRET_INVALID', 'This account has no secret key in the export.');
  }
  const algorithm =
    entry.algorithm === ALGORITHM.UNSPECIFIED || entry.algorithm === ALGORITHM.SHA1
      ? 'SHA1'
      : entry.algorithm === ALGORITHM.SHA256
        ? 'SHA256'
        : entry.algorithm === ALGORITHM.SHA512
          ? 'SHA512'
          : undefined;
  if (entry.algorithm === ALGORITHM.MD5) {
    throw unsupported(
      'This account uses MD5, an outdated algorithm Authdesk does not support, so it was not imported.',
    );
  }
  if (algorithm === undefined) {
    throw unsupported(`This account uses an unknown algorithm (${entry.algorithm}).`);
  }
  let digits: number;
  if (entry.digits === DIGITS.UNSPECIFIED || entry.digits === DIGITS.SIX) digits = 6;
  else if (entry.digits === DIGITS.EIGHT) digits = 8;
  else throw unsupported(`This account uses an unknown code length (${entry.digits}).`);
  let type: OtpType;
  if (entry.type === TYPE.UNSPECIFIED || entry.type === TYPE.TOTP) type = 'totp';
  else if (entry.type === TYPE.HOTP) type = 'hotp';
  else throw unsupported(`This account uses an unknown kind of code (${entry.type}).`);

  const counter = type === 'hotp' ? Number(entry.counter) : 0;
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new AuthdeskError('COUNTER_INVALID', `The counter ${entry.counter} is out of range.`);
  }
  const { issuer, label } = splitName(entry.name, entry.issuer);
  const account: AccountInput = {
    type,
    algorithm,
    digits,
    period: GOOGLE_PERIOD,
    counter,
    secret: encodeBase32(entry.secret),
    issuer: normalizeName(issuer, 'issuer'),
    label: normalizeName(label, 'label'),
  };
  validateOtpParams(account);
  return account;
}

/**
 * Google stores the label as "Issuer:account" next to a separate issuer. The prefix is dropped
 * when it repeats the issuer and becomes the issuer when none is given; a prefix that names
 * something else is part of the account name, so nothing the user typed is lost.
 */
function splitName(name: string, issuer: string): { issuer: string; label: string } {
  if (issuer !== '') {
    return { issuer, label: name.startsWith(`${issuer}:`) ? name.slice(issuer.length + 1) : name };
  }
  const colon = name.indexOf(':');
  return colon < 0
    ? { issuer: '', label: name }
    : { issuer: name.slice(0, colon), label: name.slice(colon + 1) };
}

function displayable(text: string): string {
  return [...text.replace(/[\p{Cc}\p{Cs}]/gu, '\uFFFD')].slice(0, ACCOUNT_LIMITS.name).join('');
}

/** Reads one export link. Throws only for the link as a whole; bad entries become `problems`. */
export function decodeMigrationUri(uri: string): MigrationResult {
  const text = uri.trim();
  if (text.slice(0, PREFIX.length).toLowerCase() !== PREFIX) {
    throw new AuthdeskError(
      'URI_SCHEME',
      'This is not a Google Authenticator export link (otpauth-migration://).',
    );
  }
  const { entries, version, batch } = readPayload(readData(text));
  const accounts: AccountInput[] = [];
  const problems: MigrationProblem[] = [];
  entries.forEach((entry, index) => {
    try {
      accounts.push(readEntry(entry));
    } catch (error) {
      if (!isAuthdeskError(error)) throw error;
      problems.push({
        index,
        name: displayable(entry.name),
        issuer: displayable(entry.issuer),
        error: error.toInfo(),
      });
    }
  });
  return { accounts, problems, batch, version };
}

/** Why Google Authenticator cannot hold this account, or null if it can. */
export function migrationUnsupportedReason(account: AccountInput): string | null {
  if (account.type === 'steam') return 'Google Authenticator cannot show Steam Guard codes';
  if (account.digits !== 6 && account.digits !== 8) {
    return `Google Authenticator supports 6 or 8 digits, not ${account.digits}`;
  }
  if (account.type === 'totp' && account.period !== GOOGLE_PERIOD) {
    return `Google Authenticator only supports a 30-second period, not ${account.period} seconds`;
  }
  return null;
}

// FNV-1a over the names (never the secrets): the same export gets the same id, different
// exports almost surely differ, and the core stays free of randomness.
function defaultBatchId(accounts: AccountInput[]): number {
  let hash = 0x811c9dc5;
  for (const account of accounts) {
    for (const ch of `${account.issuer}\u0000${account.label}\u0000`) {
      hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 0x01000193);
    }
  }
  return hash & 0x7fffffff;
}

const ALGORITHM_CODE = { SHA1: ALGORITHM.SHA1, SHA256: ALGORITHM.SHA256, SHA512: ALGORITHM.SHA512 };

/**
 * Writes accounts as Google Authenticator export links, `perBatch` accounts per link (one QR code
 * each). Refuses the whole export with MIGRATION_UNSUPPORTED, naming every account Google cannot
 * hold (see migrationUnsupportedReason), rather than silently leaving some out.
 */
export function encodeMigrationUris(
  accounts: AccountInput[],
  opts: { perBatch?: number; batchId?: number } = {},
): string[] {
  const perBatch = opts.perBatch ?? 10;
  if (!Number.isSafeInteger(perBatch) || perBatch < 1) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      'The number of accounts per link must be 1 or more.',
    );
  }
  const batchId = opts.batchId ?? defaultBatchId(accounts);
  if (!Number.isInteger(batchId) || batchId < -0x80000000 || batchId > 0x7fffffff) {
    throw new AuthdeskError('INVALID_ARGUMENT', 'The batch id must be a 32-bit integer.');
  }
  const refused = accounts.flatMap((account) => {
    const reason = migrationUnsupportedReason(account);
    if (reason === null) return [];
    const name = displayName(account) || 'an unnamed account';
    return [`${name}: ${reason}`];
  });
  if (refused.length > 0) {
    throw new AuthdeskError(
      'MIGRATION_UNSUPPORTED',
      `Google Authenticator cannot hold ${refused.length} of these accounts. ` +
        `Leave them out and export again. ${refused.join('; ')}.`,
    );
  }
  const entries = accounts.map((account) => {
    validateOtpParams(account);
    const issuer = normalizeName(account.issuer, 'issuer');
    const label = normalizeName(account.label, 'label');
    return {
      secret: decodeBase32(account.secret),
      name: issuer ? `${issuer}:${label}` : label,
      issuer,
      algorithm: ALGORITHM_CODE[account.algorithm],
      digits: account.digits === 8 ? DIGITS.EIGHT : DIGITS.SIX,
      type: account.type === 'hotp' ? TYPE.HOTP : TYPE.TOTP,
      counter: account.type === 'hotp' ? account.counter : 0,
    };
  });
  const size = Math.ceil(entries.length / perBatch);
  return Array.from({ length: size }, (_, index) => {
    const payload = Payload.fromObject({
      otpParameters: entries.slice(index * perBatch, (index + 1) * perBatch),
      version: 1,
      batchSize: size,
      batchIndex: index,
      batchId,
    });
    const data = base64.encode(Payload.encode(payload).finish());
    return `${PREFIX}offline?data=${encodeURIComponent(data)}`;
  });
}
