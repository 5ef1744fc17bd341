// Accessibility, measured: axe-core on every screen and dialog, light and dark, English and Japanese.
// One page load per look walks the screens; critical and serious findings fail the test, and so does
// any moderate one not listed (with its reason) in ACCEPTED_MODERATE. Each look's counts are written
// to test-results/a11y/ for the README figures.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { encodeMigrationUris } from '../../shared/migration';
import { formatOtpauthUri } from '../../shared/otpauth';
import { test as base, expect, type AppHarness } from '../harness/browser/app';
import { checkAxe } from '../harness/browser/axe';
import { blankPng, screenWith } from '../harness/qr-images';
import { dragOver, png } from './import-support';
import { SntpTestServer } from '../harness/sntp-server';
import { PASSWORD, SAMPLE_ACCOUNTS, secretFor, stepStart, unlock } from './support';
import { TAGGED_ACCOUNTS } from './list-support';

/** 1.5 s into a step; the clock stands still there until the test moves it. */
const START = stepStart(Date.UTC(2025, 0, 15, 9, 0, 0), 1500);
/** The time server is 42.3 s behind, so the accounts screen shows the clock warning. */
const SKEW_MS = -42_300;
const BACKUP_PASSWORD = 'plum orchard under snow';

/** Moderate rules that stay, each with the reason (also in the README's accessibility notes). */
const ACCEPTED_MODERATE: Record<string, string> = {};

type Impact = 'minor' | 'moderate' | 'serious' | 'critical';
interface Finding {
  screen: string;
  rule: string;
  impact: Impact;
  nodes: string[];
}

const LOOKS = [
  { language: 'en', theme: 'light' },
  { language: 'en', theme: 'dark' },
  { language: 'ja', theme: 'light' },
  { language: 'ja', theme: 'dark' },
] as const;

/** Runs axe on what the page shows now and keeps what it found under `screen`. */
async function measure(
  page: Page,
  findings: Finding[],
  screens: string[],
  screen: string,
  frozen = false,
  scope?: string,
) {
  screens.push(screen);
  // axe defers its work with timers: with the page's clock paused (frozenTime) it runs on the real
  // ones, kept before the clock was installed, and the page's time does not move meanwhile.
  if (frozen) await page.evaluate(() => swapTimers(true));
  const result = await checkAxe(page, scope).finally(() =>
    frozen ? page.evaluate(() => swapTimers(false)) : undefined,
  );
  for (const v of result.violations) {
    findings.push({
      screen,
      rule: v.id,
      impact: (v.impact ?? 'minor') as Impact,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`.slice(0, 300)),
    });
  }
}

async function report(tag: string, findings: Finding[], screens: string[]) {
  const count = (impact: Impact) =>
    findings.filter((f) => f.impact === impact).reduce((n, f) => n + f.nodes.length, 0);
  const summary = {
    screens: screens.length,
    critical: count('critical'),
    serious: count('serious'),
    moderate: count('moderate'),
    minor: count('minor'),
  };
  const dir = path.join('test-results', 'a11y');
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, `${tag}.json`),
    JSON.stringify({ summary, screens, findings }, null, 2),
  );
  const failing = findings.filter(
    (f) =>
      f.impact === 'critical' ||
      f.impact === 'serious' ||
      (f.impact === 'moderate' && !(f.rule in ACCEPTED_MODERATE)),
  );
  expect(failing, `${tag}: ${JSON.stringify(summary)}`).toEqual([]);
}

/** A screen to import from: part 1 of a Google export, a code already in the vault, a web link. */
async function importScreen() {
  const exported = [
    ['Dropbox', 'alice@example.com'],
    ['楽天', 'taro@example.jp'],
    ['Atlassian', 'alice@acme'],
  ].map(([issuer, label]) => ({
    ...SAMPLE_ACCOUNTS[2]!,
    issuer: issuer!,
    label: label!,
    secret: secretFor(`a11y/${issuer}`),
  }));
  const [part1] = encodeMigrationUris(exported, { perBatch: 2, batchId: 7 });
  const again = formatOtpauthUri({ ...SAMPLE_ACCOUNTS[2]!, label: 'alice (old laptop)' });
  return screenWith([part1!, again, 'https://example.com/download-our-app']);
}

const dialog = (page: Page) => page.locator('dialog[open]').last();
const menuItems = (page: Page) => page.getByRole('menu').getByRole('menuitem');

async function closeDialogs(page: Page) {
  while ((await page.locator('dialog[open]').count()) > 0) await page.keyboard.press('Escape');
}

type Look = (typeof LOOKS)[number];

declare function swapTimers(real: boolean): void;

/** Keeps the real timers before Playwright's clock replaces them; swapTimers(true) puts them back. */
function keepRealTimers() {
  const real = { setTimeout, clearTimeout, setInterval, clearInterval };
  let fake: typeof real | null = null;
  const w = globalThis as unknown as typeof real & { swapTimers: typeof swapTimers };
  w.swapTimers = (on: boolean) => {
    if (on) {
      fake = { ...real, setTimeout: w.setTimeout, clearTimeout: w.clearTimeout };
      fake.setInterval = w.setInterval;
      fake.clearInterval = w.clearInterval;
      Object.assign(w, real);
    } else if (fake) {
      Object.assign(w, fake);
    }
  };
}

const test = base.extend<{ look: Look; walking: boolean; sntp: SntpTestServer }>({
  page: async ({ page }, use) => {
    await page.addInitScript(keepRealTimers);
    await use(page);
  },
  look: [LOOKS[0], { option: true }],
  walking: [false, { option: true }],
  sntp: async ({ walking }, use) => {
    const server = walking ? await SntpTestServer.start({ time: () => START + SKEW_MS }) : null;
    await use(server!);
    await server?.close();
  },
  // The walk: accounts in a vault, the clock standing still, and a clock measured as 42.3 s fast.
  harness: async ({ look, walking, sntp }, use) => {
    const settings = { language: look.language, theme: look.theme };
    await use(
      walking
        ? {
            now: START,
            frozenTime: true,
            vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
            settings: { ...settings, timeServer: sntp.server },
            checkClockAtStart: true,
          }
        : { now: START, settings },
    );
  },
});

// The looks are independent: spread them over the workers.
test.describe.configure({ mode: 'parallel' });

for (const look of LOOKS) {
  const tag = `${look.language}-${look.theme}`;
  test.describe(tag, () => {
    test.use({ look });

    test('first run and the empty vault', async ({ page, app }) => {
      void app;
      const findings: Finding[] = [];
      const screens: string[] = [];
      await page.locator('.auth-card').waitFor();
      await measure(page, findings, screens, 'first run');
      const fields = page.locator('input[type="password"]');
      await fields.nth(0).fill('tokyo');
      await fields.nth(1).fill('tokyo2');
      await page.locator('form button[type="submit"]').click();
      await expect(page.locator('.strength-label')).not.toBeEmpty();
      await measure(page, findings, screens, 'first run with errors');
      await fields.nth(0).fill(PASSWORD);
      await fields.nth(1).fill(PASSWORD);
      await page.locator('form button[type="submit"]').click();
      await page.locator('.empty').waitFor();
      await measure(page, findings, screens, 'empty vault');
      await report(`${tag}-first-run`, findings, screens);
    });

    test.describe(() => {
      test.use({
        harness: {
          now: START,
          settings: { ...look, groupByTag: true, listDensity: 'compact' },
          vault: { password: PASSWORD, accounts: TAGGED_ACCOUNTS },
        },
      });
      test('the list with tag chips, headers and compact rows', async ({ page, app }) => {
        void app;
        const findings: Finding[] = [];
        const screens: string[] = [];
        await unlock(page);
        await measure(page, findings, screens, 'chips, headers, compact rows');
        await page.locator('.group-header').first().click();
        await expect(page.locator('.group-header').first()).toHaveAttribute(
          'aria-expanded',
          'false',
        );
        await page.getByRole('radio', { name: 'Work' }).click();
        await measure(page, findings, screens, 'a chip chosen, a header collapsed');
        await page.locator('.view-menu').click();
        await measure(page, findings, screens, 'view menu');
        await report(`${tag}-list`, findings, screens);
      });
    });

    test.describe(() => {
      test.use({ walking: true });
      test('every screen and dialog', async ({ page, app }) => {
        test.setTimeout(240_000);
        await walk(page, app, tag);
      });
    });
  });
}

async function walk(page: Page, app: AppHarness, tag: string): Promise<void> {
  const findings: Finding[] = [];
  const screens: string[] = [];
  // The screen under a dialog was measured before it opened, and the rest of the page is inert
  // meanwhile: a dialog's check looks at the open dialogs only, which halves the suite's time.
  const check = (screen: string, scope?: string) =>
    measure(page, findings, screens, screen, true, scope);
  const checkDialog = (screen: string) => check(screen, 'dialog[open]');

  // Unlock: as it opens, a wrong password, and throttled after the 5th in a row.
  await page.locator('.auth-card').waitFor();
  await check('unlock');
  const password = page.locator('input[name="password"]');
  for (let i = 1; i <= 5; i++) {
    await password.fill(`wrong ${i}`);
    await password.press('Enter');
    await expect(page.locator('.field-message')).toBeVisible();
    if (i === 1) await check('unlock, wrong password');
  }
  await expect(page.locator('form button[type="submit"]')).toBeDisabled();
  await check('unlock, throttled');
  await app.advance(1_000);
  await expect(page.locator('form button[type="submit"]')).toBeEnabled();
  await unlock(page);

  // The accounts list with the clock warning, the search, no match, the last 5 seconds.
  await expect(page.locator('.clock-warning')).toBeVisible();
  await check('accounts with the clock warning');
  await page.locator('.toolbar input').fill('ama');
  await expect(page.locator('.row-main')).toHaveCount(2);
  await check('search');
  await page.locator('.toolbar input').fill('zzzz');
  await expect(page.locator('.row-main')).toHaveCount(0);
  await check('no match');
  await page.locator('.toolbar input').fill('');
  await app.advance(26_000);
  await expect(page.locator('.row-codes-urgent').first()).toBeVisible();
  await check('accounts, last 5 seconds');
  await app.advance(4_000);

  // The row menu and what it opens.
  await page.locator('.row-menu').first().click();
  await check('row menu');
  await menuItems(page).nth(1).click();
  await expect(page.locator('.aws-code').first()).toBeVisible();
  await checkDialog('AWS helper');
  await closeDialogs(page);
  await page.locator('.row-menu').first().click();
  await menuItems(page).nth(2).click();
  await expect(dialog(page)).toBeVisible();
  await checkDialog('edit');
  await closeDialogs(page);
  await page.locator('.row-menu').nth(1).click();
  await page.locator('.menu-item-danger').click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await checkDialog('delete confirm');
  await closeDialogs(page);
  await page.locator('.row-menu').nth(2).click();
  await menuItems(page).nth(4).click();
  await dialog(page).locator('input[type="password"]').fill(PASSWORD);
  await dialog(page).locator('input[type="password"]').press('Enter');
  await expect(dialog(page).locator('.qr-code, canvas, img, svg').first()).toBeVisible();
  await checkDialog('QR code for another device');
  await closeDialogs(page);

  // Add, with errors and from a link.
  await page.locator('.topbar-actions .button-primary').click();
  await checkDialog('add');
  await page.locator('input[name="secret"]').fill('jbsw y3dp 0hpk');
  await dialog(page).locator('.dialog-footer .button-primary').click();
  await checkDialog('add with errors');
  await page
    .locator('input[name="uri"]')
    .fill('otpauth://totp/Example:carol@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example');
  await checkDialog('add from a link');
  await closeDialogs(page);

  // Settings and the password change.
  await page.locator('.topbar-actions .icon-button').first().click();
  await expect(dialog(page)).toBeVisible();
  await checkDialog('settings');
  await page.locator('[aria-labelledby="settings-password"] .button').click();
  await checkDialog('change password');
  await closeDialogs(page);

  // Import: the menu, a preview with problems.
  app.images.screens = [await importScreen()];
  await page.locator('.import-menu').click();
  await check('import menu');
  await menuItems(page).first().click();
  await expect(page.locator('.import-item').first()).toBeVisible();
  await checkDialog('import preview');
  await closeDialogs(page);

  // Back up, restore (file password, preview, replace confirm), export.
  const file = path.join(app.dir, 'a11y.authdesk');
  app.dialogs.savePath = file;
  await page.locator('.transfer-menu').click();
  await check('transfer menu');
  await menuItems(page).nth(0).click();
  const fields = dialog(page).locator('input[type="password"]');
  await fields.nth(0).fill(PASSWORD);
  await fields.nth(1).fill('short');
  await fields.nth(1).press('Enter');
  await checkDialog('back up, with errors');
  await fields.nth(1).fill(BACKUP_PASSWORD);
  await fields.nth(2).fill(BACKUP_PASSWORD);
  await fields.nth(2).press('Enter');
  await expect(page.locator('dialog[open]')).toHaveCount(0);
  app.dialogs.importFile = file;
  await page.locator('.transfer-menu').click();
  await menuItems(page).nth(1).click();
  await expect(dialog(page).locator('input[type="password"]')).toBeVisible();
  await checkDialog('file password');
  await dialog(page).locator('input[type="password"]').fill(BACKUP_PASSWORD);
  await dialog(page).locator('input[type="password"]').press('Enter');
  await expect(page.locator('.import-item').first()).toBeVisible();
  await checkDialog('restore preview');
  await dialog(page).locator('.footer-start').click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await checkDialog('replace confirm');
  await closeDialogs(page);

  await page.locator('.transfer-menu').click();
  await menuItems(page).nth(2).click();
  await expect(dialog(page)).toBeVisible();
  await checkDialog('export to Google Authenticator');
  const vaultPassword = dialog(page).locator('input[type="password"]');
  await vaultPassword.fill(PASSWORD);
  await vaultPassword.press('Enter');
  await expect(dialog(page).locator('.qr-frame')).toBeVisible({ timeout: 15_000 });
  await checkDialog('export to Google Authenticator, codes');
  await closeDialogs(page);
  await page.locator('.transfer-menu').click();
  await menuItems(page).nth(3).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await checkDialog('export as text, warning');
  await page.locator('input[name="understood"]').check();
  await page.getByRole('alertdialog').locator('.button-primary').click();
  await expect(dialog(page).locator('input[type="password"]')).toBeVisible();
  await checkDialog('export as text, password');
  await closeDialogs(page);
  await page.locator('.transfer-menu').click();
  await menuItems(page).nth(4).click();
  await expect(dialog(page)).toBeVisible();
  await checkDialog('export to Aegis, encrypted');
  await closeDialogs(page);

  // Files dragged over the window.
  await dragOver(page, [png('shot.png', blankPng())]);
  await expect(page.locator('.drop-overlay')).toBeVisible();
  await check('drop overlay');

  await report(tag, findings, screens);
}
