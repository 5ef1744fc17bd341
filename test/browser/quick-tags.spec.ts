// Quick access finds accounts by tag through the one account search (a word of a tag's name, or
// `#tag` for exactly that tag); a row found by a tag shows its tags, the matching one marked, and a
// row found by its name shows none. Screenshots in English light and Japanese dark, axe on both.
import type { Page } from '@playwright/test';
import { test, expect } from '../harness/browser/app';
import { checkAxe } from '../harness/browser/axe';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, shot } from './support';

const TAGS: Record<string, string[]> = {
  'Amazon Web Services': ['Work', 'AWS 本番'],
  GitHub: ['Work', 'Dev'],
  Cloudflare: ['Dev'],
  Google: ['Personal'],
};
const ACCOUNTS = SAMPLE_ACCOUNTS.map((account) => {
  const tags = TAGS[account.issuer];
  return tags ? { ...account, tags } : account;
});

const LOOKS = [
  { lang: 'en', theme: 'light', locked: 'Authdesk is locked. Enter your password to continue.' },
  { lang: 'ja', theme: 'dark', locked: /ロック/ },
] as const;

async function quickUnlock(page: Page, label: string | RegExp) {
  await page.getByLabel(label).fill(PASSWORD);
  await page.keyboard.press('Enter');
  await page.locator('.quick-row').first().waitFor();
}

const names = (page: Page) => page.locator('.quick-issuer').allInnerTexts();

for (const look of LOOKS) {
  test.describe(`${look.lang}-${look.theme}`, () => {
    test.use({
      viewport: { width: 520, height: 420 },
      harness: {
        page: 'quick',
        now: CALM_START,
        settings: { language: look.lang, theme: look.theme },
        vault: { password: PASSWORD, accounts: ACCOUNTS },
      },
    });

    test(`a tag name in the search filters and shows the tags, ${look.lang}-${look.theme}`, async ({
      page,
      app,
    }) => {
      void app;
      await quickUnlock(page, look.locked);
      const box = page.getByRole('combobox');
      const tagsOf = (issuer: string) =>
        page.locator('.quick-row', { hasText: issuer }).first().locator('.tag-pill');

      await box.fill('work');
      await expect
        .poll(() => names(page))
        .toEqual(['Amazon Web Services', 'Amazon Web Services', 'GitHub']);
      await expect(tagsOf('GitHub')).toHaveText(['Work', 'Dev']);
      await expect(tagsOf('GitHub').filter({ hasText: 'Work' })).toHaveClass(/tag-pill-emphasis/);
      await expect(tagsOf('GitHub').filter({ hasText: 'Dev' })).not.toHaveClass(
        /tag-pill-emphasis/,
      );
      await page.screenshot({
        path: shot(`tags/quick-${look.lang}-${look.theme}`),
        animations: 'disabled',
      });
      const axe = await checkAxe(page);
      const serious = axe.violations.filter((v) => ['critical', 'serious'].includes(v.impact!));
      expect(serious.map((v) => v.id)).toEqual([]);

      // #tag: exactly that tag; a word of a tag with a space in it.
      await box.fill('#dev');
      await expect.poll(() => names(page)).toEqual(['GitHub', 'Cloudflare']);
      await box.fill('本番');
      await expect.poll(() => names(page)).toEqual(['Amazon Web Services', 'Amazon Web Services']);
      // Found by name: no tags shown.
      await box.fill('git');
      await expect.poll(() => names(page)).toEqual(['GitHub']);
      await expect(tagsOf('GitHub')).toHaveCount(0);
    });
  });
}
