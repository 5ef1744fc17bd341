// The account record kept inside the vault (DESIGN.md §4) and the input shape used to create one.

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
  group?: string;
  note?: string;
  pinned?: boolean;
  /** The AWS MFA device ARN, for `aws sts get-session-token --serial-number`. */
  awsSerial?: string;
}

export interface Account extends AccountInput {
  id: string;
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601 */
  updatedAt: string;
}

/** Account fields the renderer may see: everything but the secret. */
export type AccountMeta = Omit<Account, 'secret'>;

/** Fields a user may change after creation (not the secret or the OTP parameters, except counter). */
export type AccountPatch = Partial<
  Pick<Account, 'issuer' | 'label' | 'group' | 'note' | 'pinned' | 'awsSerial' | 'counter'>
>;

export const DEFAULT_OTP: Omit<OtpParams, 'secret'> = {
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};

export function toMeta(account: Account): AccountMeta {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { secret, ...meta } = account;
  return meta;
}
