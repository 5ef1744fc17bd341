// Accounts with tags for the list's browser tests and screenshots: brands the icon set knows, four
// tags (one account under two), pinned ones, and a few without a tag.
import type { AccountInput } from '../../shared/account';
import { secretFor } from './support';

function totp(issuer: string, label: string, extra: Partial<AccountInput> = {}): AccountInput {
  return {
    issuer,
    label,
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: secretFor(`list/${issuer}/${label}`),
    ...extra,
  };
}

export const TAGGED_ACCOUNTS: AccountInput[] = [
  totp('Amazon Web Services', 'root@123456789012', { pinned: true, tags: ['AWS'] }),
  totp('GitHub', 'alice', { pinned: true, tags: ['Work', 'Personal'] }),
  totp('Amazon Web Services', 'alice@prod-admin', { tags: ['AWS', 'Work'] }),
  totp('Amazon Web Services', 'alice@staging', { tags: ['AWS'] }),
  totp('Google', 'alice@example.com', { tags: ['Personal'] }),
  totp('Microsoft', 'alice@contoso.onmicrosoft.com', {
    digits: 8,
    algorithm: 'SHA256',
    tags: ['Work'],
  }),
  totp('Slack', 'alice@acme', { tags: ['Work'] }),
  totp('Atlassian', 'alice@acme', { tags: ['Work'] }),
  totp('Cloudflare', 'ops@example.com', { tags: ['Work'] }),
  totp('Dropbox', 'alice@example.com', { tags: ['Personal'] }),
  { ...totp('Steam', 'alice_gamer', { tags: ['Personal'] }), type: 'steam', digits: 5 },
  totp('Discord', 'alice#1234', { tags: ['Personal'] }),
  totp('楽天', 'taro@example.jp', { tags: ['Personal'] }),
  totp('さくらのクラウド', '山田 太郎'),
  totp('npm', 'alice'),
  { ...totp('Legacy VPN', 'bob'), type: 'hotp', counter: 3 },
];

export const TAG_NAMES = ['Work', 'AWS', 'Personal'] as const;
