// Turns one entry of another app's file into a checked account, or into a problem that names the entry.
import type { AccountInput, Algorithm, OtpType } from '../../../shared/account';
import { DEFAULT_OTP, STEAM_OTP, displayName } from '../../../shared/account';
import { normalizeSecret } from '../../../shared/base32';
import { AuthdeskError, isAuthdeskError, type ErrorCode } from '../../../shared/errors';
import type { ImportProblem } from '../../../shared/import';
import type { Found, FoundAccount } from '../found';
import { finishAccount } from '../finish-account';
import { withSourceIcon, type SourceIcon } from '../import-icons';
import { isRecord } from './file-text';
import { fitAccountTags } from '../../../shared/tags';

const SHOWN_NAME_CHARS = 64;

/** The fields of an entry as the file holds them; each is checked and converted here. */
export interface EntryFields {
  type: OtpType;
  secret: unknown;
  algorithm?: unknown;
  digits?: unknown;
  period?: unknown;
  counter?: unknown;
  issuer?: unknown;
  label?: unknown;
  /** The source's groups, folders or tags (names; anything else is passed over). */
  tags?: readonly unknown[];
  note?: unknown;
  pinned?: boolean;
}

function invalid(message: string): AuthdeskError {
  return new AuthdeskError('ACCOUNT_INVALID', message);
}

/** A value from the file, made short and safe to put in a message. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const chars = [...text.replace(/[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu, '\uFFFD')];
  return chars.length > 20 ? `${chars.slice(0, 20).join('')}…` : chars.join('');
}

/** Text fields: absent is empty; a number (a hand-edited file) is kept as its digits. */
function text(value: unknown, field: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw invalid(`The ${field} of this entry is not text.`);
}

/** Throws unless the entry is a JSON object (an entry that is a number or a list is refused). */
function entryRecord(value: unknown): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('This entry is not in the form the file format describes.');
  }
}

/** "TOTP", "hotp", "Steam"… as an account type; any other kind of code is refused by name. */
export function otpTypeOf(value: unknown): OtpType {
  const type = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (type === 'totp' || type === 'hotp' || type === 'steam') return type;
  const kinds: Record<string, string> = { yandex: 'Yandex', motp: 'mOTP' };
  const kind = type === undefined ? undefined : kinds[type];
  throw new AuthdeskError(
    'URI_TYPE',
    kind
      ? `${kind} codes are not supported by Authdesk (only TOTP, HOTP and Steam), so this entry was not imported.`
      : `This entry is for ${JSON.stringify(shown(value))} codes; Authdesk supports TOTP, HOTP and Steam.`,
  );
}

function algorithmOf(value: unknown): Algorithm {
  if (value === undefined || value === null || value === '') return DEFAULT_OTP.algorithm;
  const name =
    typeof value === 'string'
      ? value
          .trim()
          .toUpperCase()
          .replace(/^HMAC[-_]?/, '')
          .replace(/[-_]/g, '')
      : '';
  if (name === 'SHA1' || name === 'SHA256' || name === 'SHA512') return name;
  throw new AuthdeskError(
    'ALGORITHM_UNSUPPORTED',
    `This entry uses the ${JSON.stringify(shown(value))} algorithm; Authdesk supports SHA1, SHA256 and SHA512.`,
  );
}

/** A whole number (or its digits as text); absent gives the default. Ranges are checked later. */
function wholeNumber(value: unknown, fallback: number, code: ErrorCode, field: string): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d{1,16}\s*$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new AuthdeskError(
      code,
      `The ${field} ${JSON.stringify(shown(value))} of this entry is not a whole number.`,
    );
  }
  return n;
}

function secretOf(value: unknown): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    throw new AuthdeskError('SECRET_MISSING', 'This entry has no secret key.');
  }
  if (typeof value !== 'string') {
    throw new AuthdeskError('SECRET_INVALID', 'The secret key of this entry is not text.');
  }
  return normalizeSecret(value);
}

/** An account from an entry's fields; throws the typed error that explains a refused entry. */
export function accountFromFields(fields: EntryFields): AccountInput {
  const secret = secretOf(fields.secret);
  const base = {
    issuer: text(fields.issuer, 'issuer'),
    label: text(fields.label, 'account name'),
    secret,
    ...(fields.tags !== undefined && { tags: fitAccountTags(fields.tags) }),
    ...(fields.note !== undefined && { note: text(fields.note, 'note') }),
    ...(fields.pinned && { pinned: true }),
  };
  if (fields.type === 'steam') {
    return finishAccount({ ...base, ...STEAM_OTP });
  }
  return finishAccount({
    ...base,
    type: fields.type,
    algorithm: algorithmOf(fields.algorithm),
    digits: wholeNumber(fields.digits, DEFAULT_OTP.digits, 'DIGITS_INVALID', 'number of digits'),
    period:
      fields.type === 'totp'
        ? wholeNumber(fields.period, DEFAULT_OTP.period, 'PERIOD_INVALID', 'period')
        : DEFAULT_OTP.period,
    counter:
      fields.type === 'hotp' ? wholeNumber(fields.counter, 0, 'COUNTER_INVALID', 'counter') : 0,
  });
}

/** A name from the file, safe to show: no control characters, and cut if long. */
function shownName(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const chars = [
    ...String(value)
      .trim()
      .replace(/[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu, '\uFFFD'),
  ];
  return chars.length > SHOWN_NAME_CHARS
    ? `${chars.slice(0, SHOWN_NAME_CHARS).join('')}…`
    : chars.join('');
}

/** "entry 4: GitHub (alice)", "line 3", "row 2: GitHub" — where in the file, never the secret. */
export function describePlace(place: string, issuer?: unknown, label?: unknown): string {
  const name = displayName({ issuer: shownName(issuer), label: shownName(label) });
  return name ? `${place}: ${name}` : place;
}

/** Gathers a file's accounts and problems; a refused entry never stops the others. */
export class FoundCollector {
  private readonly accounts: FoundAccount[] = [];
  private readonly problems: ImportProblem[] = [];

  constructor(private readonly source: string) {}

  /**
   * Adds the account `build` returns, or the typed error it throws as a problem at `detail`; `icon`
   * says what the source holds as its icon (an icon that cannot be read is a problem of its own).
   */
  add(detail: string, build: () => AccountInput, icon?: () => SourceIcon | undefined): void {
    try {
      const account = { input: build(), source: this.source, batch: null };
      this.accounts.push(withSourceIcon(account, detail, icon, this.problems));
    } catch (error) {
      if (!isAuthdeskError(error)) throw error;
      this.problem(error.code, error.message, detail);
    }
  }

  problem(code: ErrorCode, message: string, detail: string): void {
    this.problems.push({ source: this.source, code, message, detail });
  }

  found(): Found {
    return { accounts: this.accounts, problems: this.problems, batches: [] };
  }
}

/** How one format reads a JSON entry: the names that identify it, then the rest of its fields. */
export interface EntryReader {
  /** Issuer and account name as shown beside a refused entry ({} stands in for a non-object). */
  names(entry: Record<string, unknown>): { issuer: unknown; label: unknown };
  /** The other fields of an entry that is an object; may throw the error that refuses it. */
  fields(entry: Record<string, unknown>): Omit<EntryFields, 'issuer' | 'label'>;
  /** The entry's icon (import-icons.ts), when the format has one; may throw an icon's error. */
  icon?(entry: Record<string, unknown>): SourceIcon | undefined;
}

/** A JSON list of entries as accounts, or as problems at "entry N: issuer (label)". */
export function readEntryList(entries: unknown[], source: string, reader: EntryReader): Found {
  const found = new FoundCollector(source);
  entries.forEach((entry, index) => {
    const { issuer, label } = reader.names(isRecord(entry) ? entry : {});
    const icon = reader.icon && isRecord(entry) ? () => reader.icon!(entry) : undefined;
    found.add(
      describePlace(`entry ${index + 1}`, issuer, label),
      () => {
        entryRecord(entry);
        return accountFromFields({ ...reader.fields(entry), issuer, label });
      },
      icon,
    );
  });
  return found.found();
}

/** id → name of a file's groups (folders, tags), from a list of objects whose `idField` names the id. */
export function groupNames(value: unknown, idField: string): Map<string, string> {
  const groups = new Map<string, string>();
  if (Array.isArray(value)) {
    for (const group of value as unknown[]) {
      if (!isRecord(group)) continue;
      const id = group[idField];
      if (typeof id === 'string' && typeof group.name === 'string') groups.set(id, group.name);
    }
  }
  return groups;
}
