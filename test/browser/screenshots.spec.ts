// Screenshots of every screen in both languages, both themes and two window sizes, for a human to look at.
import type { Page } from '@playwright/test';
import { encodeMigrationUris } from '../../shared/migration';
import type { Settings } from '../../shared/settings';
import { formatOtpauthUri } from '../../shared/otpauth';
import { test, expect } from '../harness/browser/app';
import { blankPng, screenWith } from '../harness/qr-images';
import { dragOver, png } from './import-support';
import { TAGGED_ACCOUNTS } from './list-support';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, secretFor, shot, unlock } from './support';

// A step has just begun, so the AWS helper shows its pair rather than waiting.
const START = CALM_START;

/** A screen as the import sees it: part 1 of a Google export, a code already in the vault, a web link. */
async function importScreen() {
  const exported = [
    ['Dropbox', 'alice@example.com'],
    ['楽天', 'taro@example.jp'],
    ['Atlassian', 'alice@acme'],
    ['Notion', 'alice@acme'],
  ].map(([issuer, label]) => ({
    ...SAMPLE_ACCOUNTS[2]!,
    issuer: issuer!,
    label: label!,
    secret: secretFor(`shot/${issuer}`),
  }));
  const [part1] = encodeMigrationUris(exported, { perBatch: 3, batchId: 31 });
  const again = formatOtpauthUri({ ...SAMPLE_ACCOUNTS[2]!, label: 'alice (old laptop)' });
  return screenWith([part1!, again, 'https://example.com/download-our-app']);
}

// The look most users see: the countdown rings show their arc (with reduced motion they stand still).
test.use({ reducedMotion: 'no-preference' });

const COMBOS = [
  { lang: 'en', theme: 'light', width: 1280, height: 800 },
  { lang: 'en', theme: 'dark', width: 400, height: 700 },
  { lang: 'ja', theme: 'dark', width: 1280, height: 800 },
  { lang: 'ja', theme: 'light', width: 400, height: 700 },
  { lang: 'en', theme: 'dark', width: 1280, height: 800 },
  { lang: 'en', theme: 'light', width: 400, height: 700 },
  { lang: 'ja', theme: 'light', width: 1280, height: 800 },
  { lang: 'ja', theme: 'dark', width: 400, height: 700 },
] as const;

for (const combo of COMBOS) {
  const tag = `${combo.lang}-${combo.theme}-${combo.width}x${combo.height}`;
  const settings = { language: combo.lang, theme: combo.theme } as const;
  const snap = (page: Page, name: string) =>
    page.screenshot({ path: shot(`${tag}/${name}`), animations: 'disabled' });

  test.describe(tag, () => {
    test.use({ viewport: { width: combo.width, height: combo.height } });

    test.describe('first run', () => {
      test.use({ harness: { settings, now: START } });
      test('first run', async ({ page, app }) => {
        void app;
        await page.locator('.auth-card').waitFor();
        await snap(page, '01-first-run');
        const fields = page.locator('input[type="password"]');
        await fields.nth(0).fill('tokyo');
        await fields.nth(1).fill('tokyo2');
        await page.locator('form button[type="submit"]').click();
        await expect(page.locator('.strength-label')).not.toBeEmpty();
        await snap(page, '02-first-run-errors');
      });
    });

    test.describe('empty vault', () => {
      test.use({ harness: { settings, now: START, vault: { password: PASSWORD } } });
      test('empty', async ({ page, app }) => {
        void app;
        await page.locator('input[name="password"]').fill('wrong password');
        await page.keyboard.press('Enter');
        await expect(page.locator('.field-message-error')).toBeVisible();
        await snap(page, '03-unlock-wrong-password');
        await unlock(page);
        await snap(page, '04-empty');
      });
    });

    test.describe('accounts', () => {
      test.use({
        harness: { settings, now: START, vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS } },
      });
      test('accounts', async ({ page, app }) => {
        void app;
        await page.locator('.auth-card').waitFor();
        await snap(page, '05-unlock');
        await unlock(page);
        await snap(page, '06-accounts');
        await page.locator('.row-main').nth(2).click();
        await expect(page.locator('.toast')).toBeVisible();
        await snap(page, '07-copied');
        await page.locator('.toast .icon-button').click();
        await page.keyboard.type('ama');
        await expect(page.locator('.row-main')).toHaveCount(2);
        await snap(page, '08-search');
        await page.keyboard.press('Escape');
        await page.locator('.row-menu').first().click();
        await snap(page, '09-menu');
        await page.getByRole('menuitem').nth(1).click();
        await expect(page.locator('.aws-code').first()).toBeVisible();
        await snap(page, '10-aws-helper');
        await page.keyboard.press('Escape');

        await page.locator('.topbar-actions .button-primary').click();
        await snap(page, '11-add');
        await page.locator('input[name="secret"]').fill('jbsw y3dp 0hpk');
        await page.locator('.dialog-footer .button-primary').click();
        await snap(page, '12-add-errors');
        await page
          .locator('input[name="uri"]')
          .fill(
            'otpauth://totp/Example:carol@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&digits=8&algorithm=SHA256',
          );
        await snap(page, '13-add-from-link');
        await page.keyboard.press('Escape');

        await page.locator('.row-menu').nth(1).click();
        await page.getByRole('menuitem').nth(2).click();
        await page.locator('input[name="awsSerial"]').fill('arn:aws:iam::12345:mfa');
        await snap(page, '14-edit');
        await page.keyboard.press('Escape');

        await page.locator('.row-menu').nth(1).click();
        await page.locator('.menu-item-danger').click();
        await snap(page, '15-delete');
        await page.keyboard.press('Escape');

        await page.locator('.topbar-actions .icon-button').first().click();
        await snap(page, '16-settings');
        await page.locator('[aria-labelledby="settings-password"] .button').click();
        await snap(page, '17-change-password');
      });
    });

    test.describe('list', () => {
      test.use({
        harness: {
          settings,
          now: START,
          vault: { password: PASSWORD, accounts: TAGGED_ACCOUNTS },
        },
      });
      test('list', async ({ page, app }) => {
        void app;
        const view = (patch: Partial<Settings>) =>
          page.evaluate(`window.authdesk.invoke('setSettings', ${JSON.stringify(patch)})`);
        // Each shot once every icon on screen is drawn (brands and pictures load lazily).
        const shoot = async (name: string) => {
          await expect(page.locator('[data-icon-pending]')).toHaveCount(0);
          await snap(page, name);
        };
        await unlock(page);
        await shoot('22-list-tags');
        await view({ groupByTag: true });
        await expect(page.locator('.group-header').first()).toBeVisible();
        await shoot('23-list-headers');
        await view({ listDensity: 'compact' });
        await expect(page.locator('.list-compact')).toBeVisible();
        await page.locator('.group-header').first().click(); // one group collapsed
        await shoot('24-list-compact-headers');
        await view({ groupByTag: false, showNextCode: false, sortOrder: 'name' });
        await page.getByRole('radio', { name: 'Work' }).click();
        await shoot('25-list-compact-chip-by-name');
        await page.locator('.view-menu').click();
        await shoot('26-view-menu');
        await page.keyboard.press('Escape');
        await page.locator('.topbar-actions .icon-button').first().click();
        await page.locator('#settings-list').scrollIntoViewIfNeeded();
        await shoot('27-settings-list');
      });
    });

    test.describe('import', () => {
      test.use({
        harness: { settings, now: START, vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS } },
      });
      test('import', async ({ page, app }) => {
        app.images.screens = [await importScreen()];
        await unlock(page);
        await page.locator('.import-menu').click();
        await snap(page, '18-import-menu');
        await page.getByRole('menuitem').first().click();
        await expect(page.locator('.import-item')).toHaveCount(4);
        await snap(page, '19-import-preview');
        await page.locator('.dialog-body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
        await snap(page, '20-import-preview-end');
        await dragOver(page, [png('shot.png', blankPng())]);
        await expect(page.locator('.drop-overlay')).toBeVisible();
        await snap(page, '21-drop-overlay');
      });
    });
  });
}
