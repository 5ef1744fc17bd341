// Checks and normalises the account data callers hand to the vault; anything unusable is ACCOUNT_INVALID.
import {
  ACCOUNT_FIELDS,
  ACCOUNT_LIMITS,
  ALGORITHMS,
  AWS_SERIAL_PATTERN,
  OTP_TYPES,
  STEAM_OTP,
  type Account,
  type AccountInput,
  type AccountPatch,
} from '../../shared/account';
import { normalizeSecret } from '../../shared/base32';
import { AuthdeskError } from '../../shared/errors';
import { OTP_LIMITS } from '../../shared/otp';
import { knownIcon } from './icon-store';
import { checkAccountTags } from '../../shared/tags';

// A raw newline in a label broke other apps (DESIGN.md §8); notes may have line breaks.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const PATCHABLE: readonly string[] = [
  'issuer',
  'label',
  'tags',
  'note',
  'pinned',
  'awsSerial',
  'counter',
  'icon',
  'syncFlag',
] satisfies (keyof AccountPatch)[];
const ACCOUNT_FIELD_SET: ReadonlySet<string> = new Set(ACCOUNT_FIELDS);

function invalid(message: string): AuthdeskError {
  return new AuthdeskError('ACCOUNT_INVALID', message);
}

function checkSecret(value: unknown): string {
  if (typeof value !== 'string') throw invalid('The secret key is missing.');
  try {
    return normalizeSecret(value);
  } catch (error) {
    // Same rules as every other place a key is typed; reported as this account's problem.
    throw new AuthdeskError('ACCOUNT_INVALID', (error as Error).message, { cause: error });
  }
}

function text(value: unknown, field: string, max: number, lines = false): string {
  if (typeof value !== 'string') throw invalid(`The ${field} must be text.`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw invalid(`The ${field} is longer than ${max} characters.`);
  if ((lines ? CONTROL_EXCEPT_LINES : CONTROL).test(trimmed)) {
    throw invalid(`The ${field} contains control characters.`);
  }
  return trimmed;
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`The ${field} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, options: readonly T[], field: string): T {
  if (!options.includes(value as T)) {
    throw invalid(`The ${field} must be one of ${options.join(', ')}.`);
  }
  return value as T;
}

/**
 * A clean copy holding only AccountInput fields (an Account passed in loses its id and dates).
 * Optional text that is empty after trimming is dropped.
 */
export function checkAccountInput(input: AccountInput): AccountInput {
  if (typeof input !== 'object' || input === null) throw invalid('The account is missing.');
  const type = oneOf(input.type, OTP_TYPES, 'type');
  const account: AccountInput = {
    issuer: text(input.issuer ?? '', 'issuer', ACCOUNT_LIMITS.name),
    label: text(input.label ?? '', 'account name', ACCOUNT_LIMITS.name),
    type,
    algorithm: oneOf(input.algorithm, ALGORITHMS, 'algorithm'),
    digits:
      type === 'steam'
        ? integer(input.digits, 'digits', STEAM_OTP.digits, STEAM_OTP.digits)
        : integer(input.digits, 'digits', OTP_LIMITS.minDigits, OTP_LIMITS.maxDigits),
    period: integer(input.period, 'period', OTP_LIMITS.minPeriod, OTP_LIMITS.maxPeriod),
    counter: integer(input.counter ?? 0, 'counter', 0, Number.MAX_SAFE_INTEGER),
    secret: checkSecret(input.secret),
  };
  if (account.issuer === '' && account.label === '') {
    throw invalid('The account needs an issuer or an account name.');
  }
  const tags = input.tags === undefined ? [] : checkAccountTags(input.tags);
  if (tags.length > 0) account.tags = tags;
  // An icon of a kind this version does not know is dropped: the account is matched automatically.
  const icon = knownIcon(input.icon);
  if (icon) account.icon = icon;
  const note = input.note === undefined ? '' : text(input.note, 'note', ACCOUNT_LIMITS.note, true);
  if (note) account.note = note;
  if (input.pinned !== undefined) {
    if (typeof input.pinned !== 'boolean') throw invalid('"pinned" must be true or false.');
    if (input.pinned) account.pinned = true;
  }
  const awsSerial =
    input.awsSerial === undefined
      ? ''
      : text(input.awsSerial, 'AWS MFA serial', ACCOUNT_LIMITS.awsSerial);
  if (awsSerial) {
    if (!AWS_SERIAL_PATTERN.test(awsSerial)) {
      throw invalid(
        'The AWS MFA serial must be a device ARN (arn:aws:iam::123456789012:mfa/name).',
      );
    }
    account.awsSerial = awsSerial;
  }
  return account;
}

/**
 * The account with the patch applied and checked as a whole. Only the fields of AccountPatch may
 * change; an empty string clears note and awsSerial, an empty list the tags.
 */
export function applyAccountPatch(account: Account, patch: AccountPatch, now: string): Account {
  if (typeof patch !== 'object' || patch === null) throw invalid('The change is missing.');
  for (const key of Object.keys(patch)) {
    if (!PATCHABLE.includes(key)) throw invalid(`"${key}" cannot be changed.`);
  }
  if (patch.syncFlag !== undefined && patch.syncFlag !== null) {
    throw invalid('A sync flag can only be cleared (null).');
  }
  const merged: AccountInput = { ...account };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined && key !== 'syncFlag') Object.assign(merged, { [key]: value });
  }
  // `icon: null` goes back to the automatic match.
  if (patch.icon === null) delete merged.icon;
  const checked = checkAccountInput(merged);
  // Fields a newer Authdesk stored and this one does not know are kept, not dropped; so is an icon
  // of a kind it does not know (shown as the automatic match), unless the patch sets the icon.
  const unknown = Object.entries(account).filter(([key]) => !ACCOUNT_FIELD_SET.has(key));
  const newerIcon = patch.icon === undefined && account.icon !== undefined && !checked.icon;
  return {
    ...Object.fromEntries(unknown),
    ...(newerIcon && { icon: account.icon }),
    ...checked,
    // A sync merge's flag stays until the user clears it (shared/sync.ts SyncFlag).
    ...(account.syncFlag && patch.syncFlag !== null && { syncFlag: account.syncFlag }),
    id: account.id,
    createdAt: account.createdAt,
    updatedAt: now,
  };
}
