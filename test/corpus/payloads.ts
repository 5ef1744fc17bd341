// The texts the corpus codes hold: otpauth:// URIs (TOTP, HOTP, Steam, Japanese names) and Google exports.
import type { AccountInput } from '../../shared/account';
import { DEFAULT_OTP } from '../../shared/account';
import { encodeBase32 } from '../../shared/base32';
import { encodeMigrationUris } from '../../shared/migration';
import { formatOtpauthUri } from '../../shared/otpauth';
import type { Rng } from './random';

const ISSUERS = [
  'Amazon Web Services',
  'GitHub',
  'Google',
  'Slack',
  'Cloudflare',
  'GitLab',
  'Okta',
];

export function account(
  rng: Rng,
  fields: Partial<AccountInput> & { issuer: string; label: string },
): AccountInput {
  // Real services issue 10- or 20-byte secrets; both must survive the trip through a QR code.
  const secret = encodeBase32(rng.bytes(rng.pick([10, 20])));
  return { ...DEFAULT_OTP, secret, ...fields };
}

export function totpUri(rng: Rng, issuer?: string, label?: string): string {
  return formatOtpauthUri(
    account(rng, {
      issuer: issuer ?? rng.pick(ISSUERS),
      label: label ?? `user${rng.int(1, 999)}@example.com`,
    }),
  );
}

/** An AWS virtual MFA device URI, as the IAM console encodes it. */
export function awsUri(rng: Rng): string {
  return formatOtpauthUri(
    account(rng, {
      issuer: 'Amazon Web Services',
      label: `root-account-mfa-device@${rng.int(100000000000, 999999999999)}`,
      secret: encodeBase32(rng.bytes(40)),
    }),
  );
}

export function hotpUri(rng: Rng): string {
  return formatOtpauthUri(
    account(rng, { issuer: 'Legacy VPN', label: 'admin', type: 'hotp', counter: 42, digits: 8 }),
  );
}

export function steamUri(rng: Rng): string {
  return formatOtpauthUri(
    account(rng, { issuer: 'Steam', label: 'gamer_jp', type: 'steam', digits: 5 }),
  );
}

/** Japanese names, percent-encoded as the URI format asks, and one written raw as some sites do. */
export function japaneseUris(rng: Rng): string[] {
  const secret = encodeBase32(rng.bytes(20));
  return [
    formatOtpauthUri(account(rng, { issuer: 'さくらインターネット', label: '山田太郎' })),
    formatOtpauthUri(
      account(rng, { issuer: '楽天', label: 'taro@example.jp', algorithm: 'SHA256' }),
    ),
    `otpauth://totp/ヤマダ銀行:太郎?secret=${secret}&issuer=ヤマダ銀行`,
  ];
}

/** A Google Authenticator export of `count` accounts, 10 per link: 25 accounts → 3 QR codes. */
export function googleExport(rng: Rng, count: number): string[] {
  const accounts = Array.from({ length: count }, (_, i) =>
    account(rng, {
      issuer: i % 5 === 0 ? 'さくらインターネット' : rng.pick(ISSUERS),
      label: `user${i + 1}@example.com`,
      algorithm: i % 7 === 3 ? 'SHA256' : 'SHA1',
    }),
  );
  return encodeMigrationUris(accounts, { perBatch: 10 });
}
