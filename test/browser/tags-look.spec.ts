// The tags field and the tag manager in each language and theme (and a narrow window): screenshots
// under test-results/screenshots/tags/ for a person to judge, and axe on each dialog (0 critical or
// serious findings).
import type { Page } from '@playwright/test';
import { test, expect } from '../harness/browser/app';
import { checkAxe } from '../harness/browser/axe';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, shot, unlock } from './support';

const TAGS: Record<string, string[]> = {
  'Amazon Web Services': ['Work', 'AWS 本番'],
  GitHub: ['Work', 'Dev'],
  Google: ['Personal', 'Work'],
  Cloudflare: ['Dev', 'Ops'],
  Slack: ['Work'],
};
const ACCOUNTS = SAMPLE_ACCOUNTS.map((account) => {
  const tags = TAGS[account.issuer];
  return tags ? { ...account, tags } : account;
});

/** Each language and each theme once, and a narrow window (the suite's time is counted). */
const LOOKS = [
  { lang: 'en', theme: 'light', width: 1280, height: 800 },
  { lang: 'ja', theme: 'dark', width: 1280, height: 800 },
  { lang: 'en', theme: 'dark', width: 400, height: 700 },
  { lang: 'ja', theme: 'light', width: 400, height: 700 },
] as const;

async function noSeriousFindings(page: Page, screen: string) {
  const result = await checkAxe(page, 'dialog[open]');
  const serious = result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

for (const look of LOOKS) {
  const tag = `${look.lang}-${look.theme}-${look.width}x${look.height}`;
  test.describe(tag, () => {
    test.use({
      viewport: { width: look.width, height: look.height },
      harness: {
        now: CALM_START,
        settings: { language: look.lang, theme: look.theme },
        vault: { password: PASSWORD, accounts: ACCOUNTS },
      },
    });

    test(`tags field and tag manager, ${tag}`, async ({ page, app }) => {
      const snap = (name: string) =>
        page.screenshot({ path: shot(`tags/${tag}-${name}`), animations: 'disabled' });
      const ja = look.lang === 'ja';
      await unlock(page);
      await snap('0-chips');
      const google = app.services.vault.list().find((a) => a.issuer === 'Google')!;
      await page.locator(`[data-row-id="${google.id}"] .row-menu`).click();
      await page.getByRole('menuitem', { name: ja ? '編集…' : 'Edit…' }).click();
      const field = page.getByRole('combobox').first();
      await field.focus();
      await page.keyboard.type('o');
      await expect(page.getByRole('option').first()).toBeVisible();
      await page.keyboard.press('ArrowDown');
      await snap('1-field');
      await noSeriousFindings(page, 'edit dialog');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await expect(page.locator('dialog[open]')).toHaveCount(0);

      await page.getByRole('button', { name: ja ? 'タグの管理' : 'Manage tags' }).click();
      await expect(page.locator('.tag-row')).toHaveCount(5);
      await snap('2-manager');
      await noSeriousFindings(page, 'tag manager');
      await page.locator('.tag-row').nth(3).locator('[data-tag-control="rename"]').click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('work');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await snap('3-merge');
      await noSeriousFindings(page, 'merge question');
    });
  });
}
