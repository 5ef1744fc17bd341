// Shared pieces of the browser tests: sample accounts, unlocking, the transfer menu, and screenshots.
import type { Page } from '@playwright/test';
import type { AccountInput } from '../../shared/account';
import { encodeBase32 } from '../../shared/base32';

export const PASSWORD = 'correct horse battery staple';

/** A distinct, valid 20-byte secret per seed. */
export function secretFor(seed: string): string {
  const bytes = new Uint8Array(20);
  let hash = 2166136261;
  for (const ch of seed) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    hash = Math.imul(hash ^ i, 16777619) >>> 0;
    bytes[i] = hash >>> 24; // the high byte: FNV's low byte depends only on low bits
  }
  return encodeBase32(bytes);
}

function totp(issuer: string, label: string, extra: Partial<AccountInput> = {}): AccountInput {
  return {
    issuer,
    label,
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: secretFor(`${issuer}/${label}`),
    ...extra,
  };
}

export const SAMPLE_ACCOUNTS: AccountInput[] = [
  totp('Amazon Web Services', 'root@123456789012', { pinned: true }),
  totp('Amazon Web Services', 'alice@prod-admin'),
  totp('GitHub', 'alice'),
  totp('Google', 'alice@example.com'),
  totp('Microsoft', 'alice@contoso.onmicrosoft.com', { digits: 8, algorithm: 'SHA256' }),
  { ...totp('Steam', 'alice_gamer'), type: 'steam', digits: 5 },
  { ...totp('Legacy VPN', 'bob'), type: 'hotp', counter: 3 },
  totp('Cloudflare', 'ops@example.com'),
  totp('さくらのクラウド', '山田 太郎'),
  totp('Slack', 'alice@acme'),
];

export function manyAccounts(count: number): AccountInput[] {
  return Array.from({ length: count }, (_, i) =>
    totp(`Service ${String(i).padStart(4, '0')}`, `user${i}@example.com`),
  );
}

export async function unlock(page: Page, password = PASSWORD): Promise<void> {
  await page.locator('input[name="password"]').fill(password);
  await page.keyboard.press('Enter');
  await page.locator('.row-main').first().or(page.locator('.empty')).waitFor();
}

export const shot = (name: string) => `test-results/screenshots/${name}.png`;

/** The looks a feature's screenshots are taken in: each language and each theme, wide and narrow. */
export const SHOT_LOOKS = [
  { lang: 'en', theme: 'light', width: 1280, height: 800 },
  { lang: 'ja', theme: 'dark', width: 1280, height: 800 },
  { lang: 'en', theme: 'dark', width: 400, height: 700 },
  { lang: 'ja', theme: 'light', width: 400, height: 700 },
] as const;

export const transferMenuButton = (page: Page) =>
  page.getByRole('button', { name: 'Back up, restore and export accounts' });

/** Picks `item` from the top bar's back up, restore and export menu. */
export async function openTransferMenu(page: Page, item: string): Promise<void> {
  await transferMenuButton(page).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** The step that began most recently before `ms`, plus `offsetMs` (30-second steps). */
export function stepStart(ms: number, offsetMs = 0): number {
  return Math.floor(ms / 30_000) * 30_000 + offsetMs;
}

/** 1.5 s into a 30-second step: far from both boundaries for a test that takes a few seconds. */
export const CALM_START = stepStart(Date.UTC(2025, 0, 15, 9, 0, 0), 1500);
