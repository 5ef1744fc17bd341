// The account record kept inside the vault (DESIGN.md §4), the input shape used to create one, and the
// rules every door follows for it: text limits, Steam's fixed parameters and the name shown in sentences.
import type { AccountIcon } from './account-icon';
import type { SyncFlag } from './sync';

export type { AccountIcon } from './account-icon';

export const OTP_TYPES = ['totp', 'hotp', 'steam'] as const;
export type OtpType = (typeof OTP_TYPES)[number];

export const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** The OTP parameters: everything needed to compute a code. */
export interface OtpParams {
  type: OtpType;
  algorithm: Algorithm;
  /** 6–8; Steam codes always have 5 characters. */
  digits: number;
  /** Seconds per step (totp and steam). */
  period: number;
  /** Moving factor (hotp only; 0 for the others). */
  counter: number;
  /** Base32, upper case, no padding, no spaces. */
  secret: string;
}

/** What a user or an importer supplies; the vault adds id and timestamps. */
export interface AccountInput extends OtpParams {
  issuer: string;
  /** The account name, e.g. "alice@example.com" or "root". */
  label: string;
  /** Tag names (shared/tags.ts), several per account, in the order the user gave them. */
  tags?: string[];
  /** Absent: matched automatically from the issuer and account name (shared/account-icon.ts). */
  icon?: AccountIcon;
  note?: string;
  pinned?: boolean;
  /** The AWS MFA device ARN, for `aws sts get-session-token --serial-number`. */
  awsSerial?: string;
}

export interface Account extends AccountInput {
  id: string;
  /** Set by a sync merge for the user to look at (shared/sync.ts); cleared by the user. */
  syncFlag?: SyncFlag;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601 */
  updatedAt: string;
}

/** Account fields the renderer may see: everything but the secret. */
export type AccountMeta = Omit<Account, 'secret'>;

/**
 * Fields a user may change after creation (not the secret or the OTP parameters, except counter).
 * `icon: null` goes back to the automatic match; an image icon must already be in the vault's store.
 */
export type AccountPatch = Partial<
  Pick<Account, 'issuer' | 'label' | 'tags' | 'note' | 'pinned' | 'awsSerial' | 'counter'>
> & {
  icon?: AccountIcon | null;
  /** null: the user looked at the sync flag; it is cleared. */
  syncFlag?: null;
};

export const DEFAULT_OTP: Omit<OtpParams, 'secret'> = {
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};

/** Steam Guard fixes everything but the secret: five characters, SHA-1, 30 seconds. */
export const STEAM_OTP = {
  type: 'steam',
  algorithm: 'SHA1',
  digits: 5,
  period: 30,
  counter: 0,
} as const satisfies Omit<OtpParams, 'secret'>;

/**
 * The longest text each field may hold once trimmed, counted in UTF-16 units (what String#length
 * and zod count). The IPC schema and the vault refuse longer text; importers cut names, tags and
 * note to fit. These are the vault's limits from the start, so every vault written stays valid.
 */
export const ACCOUNT_LIMITS = {
  /** Issuer and account name. */
  name: 256,
  /** One tag's name. */
  tag: 100,
  /** Tags on one account. */
  tagsPerAccount: 20,
  /** Tags in one vault. */
  tags: 1_000,
  note: 10_000,
  /** AWS's own bounds on `--serial-number` (an MFA device ARN or a hardware token's serial). */
  awsSerialMin: 9,
  awsSerial: 256,
} as const;

/** The characters AWS allows in `--serial-number`, within ACCOUNT_LIMITS. */
export const AWS_SERIAL_PATTERN = new RegExp(
  `^[\\w+=/:,.@-]{${ACCOUNT_LIMITS.awsSerialMin},${ACCOUNT_LIMITS.awsSerial}}$`,
);

/**
 * How an account is named in a sentence, in the window, the command line and import messages:
 * "Issuer (account)", or whichever of the two exists.
 */
export function displayName({ issuer, label }: Pick<AccountInput, 'issuer' | 'label'>): string {
  return issuer && label ? `${issuer} (${label})` : issuer || label;
}

/** Every field of an account, in the order the vault file holds them (vault/payload.ts). */
export const ACCOUNT_FIELDS = [
  'id',
  'issuer',
  'label',
  'type',
  'algorithm',
  'digits',
  'period',
  'counter',
  'secret',
  'tags',
  'icon',
  'note',
  'pinned',
  'awsSerial',
  'syncFlag',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Account)[];

/**
 * The account without its secret, its fields in the vault file's order and then any others (a newer
 * Authdesk's): the same JSON whether the account was read from the file or built in memory.
 */
export function toMeta(account: Account): AccountMeta {
  const meta: Record<string, unknown> = {};
  for (const key of ACCOUNT_FIELDS) if (key in account) meta[key] = account[key];
  Object.assign(meta, account);
  delete meta.secret;
  return meta as AccountMeta;
}
