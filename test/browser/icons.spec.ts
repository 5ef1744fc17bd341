// Brand icons in the window: a vault with GitHub, AWS and an unknown service shows the brand icon,
// our AWS badge and the letter; GitHub turns monochrome on the dark tile; the Edit dialog's chooser
// sets a brand and goes back to automatic; and the icon set never loads with the page's first chunk.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type AppHarness } from '../harness/browser/app';
import { REPO } from '../harness/browser/harness';
import { RENDERER_DIR_ENV } from '../harness/browser/renderer-copy';
import { brandFiles, firstLoadFiles, PAGES } from '../../scripts/renderer-chunks';
import { bucketOf } from '../../shared/brand-icons/catalogue';
import type { AccountInput } from '../../shared/account';
import { CALM_START, PASSWORD, secretFor, SHOT_LOOKS, shot, unlock } from './support';

const account = (issuer: string, label: string): AccountInput => ({
  issuer,
  label,
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret: secretFor(`${issuer}/${label}`),
});

const ACCOUNTS = [
  account('GitHub', 'alice'),
  account('Amazon Web Services', 'root@123456789012'),
  account('My Server', 'admin'),
  account('', 'bob@dropbox.com'),
];

const rowOf = (page: Page, app: AppHarness, label: string) =>
  page.locator(`[data-row-id="${app.services.vault.list().find((a) => a.label === label)!.id}"]`);

const rendererDir = () => process.env[RENDERER_DIR_ENV] ?? path.join(REPO, 'dist', 'renderer');

test.use({ harness: { now: CALM_START, vault: { password: PASSWORD, accounts: ACCOUNTS } } });

test('the list shows the brand icon, the AWS badge and the letter; the icon set loads only on demand', async ({
  page,
  app,
}) => {
  // From a fresh load on: which scripts the page asks for, and when.
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.js')) scripts.push(path.basename(new URL(request.url()).pathname));
  });
  await page.reload();
  await page.locator('input[name="password"]').waitFor();
  const beforeUnlock = [...scripts];
  await unlock(page);

  const github = rowOf(page, app, 'alice').locator('.account-icon');
  await expect(github).toHaveAttribute('data-brand', 'github');
  await expect(github.locator('svg path')).toHaveAttribute('d', /^M12 \.297c-6\.63/);
  const aws = rowOf(page, app, 'root@123456789012').locator('.account-icon');
  await expect(aws).toHaveClass(/brand-badge/);
  await expect(aws).toHaveText('AWS');
  const mine = rowOf(page, app, 'admin').locator('.account-icon');
  await expect(mine.locator('.avatar')).toHaveText('M');
  await expect(rowOf(page, app, 'bob@dropbox.com').locator('.account-icon')).toHaveAttribute(
    'data-brand',
    'dropbox',
  );
  // Decorative: the name is written beside it.
  await expect(github).toHaveAttribute('aria-hidden', 'true');
  // The icon keeps the letter's box: nothing moves when it is swapped in.
  expect(await github.boundingBox()).toMatchObject({ width: 34, height: 34 });

  const isBrandData = (name: string) => /^_?brand-icons-|^bucket-\d+-/.test(name);
  expect(beforeUnlock.filter(isBrandData)).toEqual([]);
  // Only the buckets holding the two matched icons (of 128), each once.
  const buckets = scripts
    .filter((name) => name.startsWith('bucket-'))
    .map((name) => Number(name.split('-')[1]))
    .sort((a, b) => a - b);
  expect(buckets).toEqual(
    [...new Set([bucketOf('github'), bucketOf('dropbox')])].sort((a, b) => a - b),
  );
  expect(scripts.filter((name) => /^_?brand-icons-/.test(name))).toHaveLength(1);

  // The built pages' first loads hold neither the brand list nor any icon's path data.
  const dir = rendererDir();
  const { index, buckets: bucketFiles } = brandFiles(dir);
  expect(index).toHaveLength(1);
  expect(bucketFiles).toHaveLength(128);
  for (const htmlPage of PAGES) {
    const first = firstLoadFiles(dir, htmlPage);
    expect(first.some((file) => file.endsWith('.js'))).toBe(true);
    for (const file of first) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      expect(text, file).not.toContain('M12 .297c-6.63');
      expect(text, file).not.toContain('"1Password"');
      expect(isBrandData(path.basename(file)), file).toBe(false);
    }
  }
});

test.describe('dark theme', () => {
  test.use({
    harness: {
      now: CALM_START,
      vault: { password: PASSWORD, accounts: ACCOUNTS },
      settings: { theme: 'dark' },
    },
  });

  test('draws GitHub in the text colour where its own is unreadable, Dropbox in its colour', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const github = rowOf(page, app, 'alice').locator('.account-icon');
    const dropbox = rowOf(page, app, 'bob@dropbox.com').locator('.account-icon');
    await expect(github).toHaveAttribute('data-mono', 'dark');
    await expect(github).toHaveCSS('color', 'rgb(233, 235, 238)');
    await expect(dropbox).toHaveCSS('color', 'rgb(0, 97, 255)');
    // The AWS badge's orange reads on the dark tile.
    await expect(rowOf(page, app, 'root@123456789012').locator('.account-icon')).toHaveCSS(
      'color',
      'rgb(255, 153, 0)',
    );
    // The theme as the settings' effect sets it (useTheme), without reloading the page.
    await page.evaluate("document.documentElement.dataset.theme = 'light'");
    await expect(github).toHaveCSS('color', 'rgb(24, 23, 23)');
  });
});

async function openEdit(page: Page, name: string) {
  await page.getByRole('button', { name: `More actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Edit…' }).click();
  return page.getByRole('dialog', { name: 'Edit account' });
}

test('the chooser sets a brand found by name, then goes back to automatic', async ({
  page,
  app,
}) => {
  await unlock(page);
  const mine = rowOf(page, app, 'admin').locator('.account-icon');
  let dialog = await openEdit(page, 'My Server');
  const chooser = dialog.getByRole('group', { name: 'Icon' });
  await expect(chooser.getByText('No brand matches this name: the letter is shown.')).toBeVisible();
  await chooser.getByRole('radio', { name: 'Brand' }).check();
  const search = chooser.getByRole('combobox', { name: 'Search brands' });
  await search.fill('gitlab');
  await expect(chooser.getByRole('option').first()).toHaveText('GitLab');
  // Keyboard: the first result is active; Enter picks it and does not submit the form.
  await search.press('Enter');
  await expect(chooser.getByRole('option', { name: 'GitLab' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(mine).toHaveAttribute('data-brand', 'gitlab');
  const stored = () => app.services.vault.list().find((a) => a.label === 'admin')!.icon;
  expect(stored()).toEqual({ kind: 'brand', slug: 'gitlab' });

  dialog = await openEdit(page, 'My Server');
  await dialog.getByRole('radio', { name: 'Automatic' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(mine.locator('.avatar')).toHaveText('M');
  expect(stored()).toBeUndefined();

  // The letter, chosen for an account that matches a brand, stays the letter.
  dialog = await openEdit(page, 'GitHub');
  await expect(dialog.getByText('Matched from the name: GitHub.')).toBeVisible();
  await dialog.getByRole('radio', { name: 'Letter' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(rowOf(page, app, 'alice').locator('.account-icon .avatar')).toHaveText('G');
  expect(app.services.vault.list().find((a) => a.label === 'alice')!.icon).toEqual({
    kind: 'letter',
  });
});

// Screenshots of the list and the chooser for a human to look at, with axe on the chooser.
for (const look of SHOT_LOOKS) {
  const tag = `${look.lang}-${look.theme}-${look.width}x${look.height}`;
  test.describe(`screenshots ${tag}`, () => {
    test.use({
      viewport: { width: look.width, height: look.height },
      harness: {
        now: CALM_START,
        vault: { password: PASSWORD, accounts: ACCOUNTS },
        settings: { language: look.lang, theme: look.theme },
      },
    });
    test('icons in the list and the chooser', async ({ page, app }) => {
      await unlock(page);
      await expect(rowOf(page, app, 'alice').locator('.brand-icon svg')).toBeVisible();
      await page.screenshot({ path: shot(`${tag}/icons-01-list`), animations: 'disabled' });
      await rowOf(page, app, 'admin').locator('.row-menu').click();
      await page.getByRole('menu').getByRole('menuitem').nth(2).click();
      const dialog = page.locator('dialog[open]');
      await dialog.locator('.icon-chooser .segment input').nth(1).check();
      await dialog.locator('.brand-search input').fill('go');
      await expect(dialog.locator('.brand-result .brand-icon svg').first()).toBeVisible();
      await dialog.locator('.icon-chooser').scrollIntoViewIfNeeded();
      await page.screenshot({ path: shot(`${tag}/icons-02-chooser`), animations: 'disabled' });
      const axe = await new AxeBuilder({ page }).include('dialog[open]').analyze();
      const serious = axe.violations.filter(
        (v) => v.impact === 'critical' || v.impact === 'serious',
      );
      expect(
        serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([]);
    });
  });
}
