// Account pictures in real Chromium through the harness's IPC (the same handlers main registers, the
// real icon worker and vault): a picture chosen in main's dialog becomes the row's icon, drawn from
// the vault by hash; a damaged one dropped on the chooser is refused in words; an Aegis export's
// pictures show in the import preview before anything is added, and a broken one says the account
// still comes.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, type AppHarness } from '../harness/browser/app';
import type { AccountInput } from '../../shared/account';
import { halves, jpegFile, picture, pngFile, squareSvg } from '../harness/icon-images';
import { aegisEntry, aegisPlainFile } from '../harness/import-samples';
import { CALM_START, PASSWORD, secretFor, SHOT_LOOKS, shot, unlock } from './support';

/** The Backup menu and its Restore or import item (renderer/i18n backup.menuLabel, backup.restore). */
const BACKUP_MENU_EN = 'Back up, restore and export accounts';
const BACKUP_MENU_JA = 'アカウントのバックアップ、復元、エクスポート';
const RESTORE_JA = 'ファイルから復元・取り込み…';

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

const rowOf = (page: Page, app: AppHarness, label: string) =>
  page.locator(`[data-row-id="${app.services.vault.list().find((a) => a.label === label)!.id}"]`);

async function openEdit(page: Page, name: string): Promise<Locator> {
  await page.getByRole('button', { name: `More actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Edit…' }).click();
  return page.getByRole('dialog', { name: 'Edit account' });
}

/** The colour at (x, y) of the <img> `selector` finds, as the page decoded it, and its natural size. */
function drawn(page: Page, selector: string, x: number, y: number) {
  // Page code as text: the test files are typed for Node, without the DOM's types.
  return page.evaluate(`(() => {
    const image = document.querySelector(${JSON.stringify(selector)});
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    return {
      width: image.naturalWidth,
      height: image.naturalHeight,
      rgba: [...context.getImageData(${x}, ${y}, 1, 1).data],
    };
  })()`) as Promise<{ width: number; height: number; rgba: number[] }>;
}

/** A property of an <img> element as the page has it. */
const imageProperty = (img: Locator, name: 'complete' | 'naturalWidth') =>
  img.evaluate((image, key) => (image as unknown as Record<string, unknown>)[key], name);

test.use({
  harness: {
    now: CALM_START,
    vault: { password: PASSWORD, accounts: [account('My Server', 'admin')] },
  },
});

test('a picture chosen in main’s dialog becomes the row’s icon; a damaged one dropped is refused', async ({
  page,
  app,
}) => {
  await unlock(page);
  const file = path.join(app.dir, 'logo.png');
  await writeFile(file, pngFile(halves(300, 150)));
  app.images.pickedIcon = file;
  const dialog = await openEdit(page, 'My Server');
  await dialog.getByRole('radio', { name: 'Picture' }).check();
  await dialog.getByRole('button', { name: 'Choose a file…' }).click();
  // The first picture starts main's icon worker (a thread that compiles its decoders): on a busy
  // machine that alone can take seconds, so this waits for the state, well past expect's 5 s.
  await expect(dialog.getByText('Picture saved.')).toBeVisible({ timeout: 30_000 });

  // A damaged PNG dropped on the chooser: refused in words, the saved picture stays.
  const damaged = [...pngFile(halves(64, 64)).slice(0, 70)];
  await page.evaluate(`(() => {
    const zone = document.querySelector('.picture-drop');
    const data = new DataTransfer();
    const bytes = new Uint8Array(${JSON.stringify(damaged)});
    data.items.add(new File([bytes], 'broken.png', { type: 'image/png' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true }));
  })()`);
  await expect(dialog.getByRole('alert')).toHaveText(
    'This picture cannot be used as an icon. Choose a PNG, JPEG, WebP or SVG file.',
  );
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);

  const stored = app.services.vault.list()[0]!.icon;
  expect(stored?.kind).toBe('image');
  const img = rowOf(page, app, 'admin').locator('.account-icon img');
  await expect(img).toHaveAttribute('src', /^data:image\/png;base64,/);
  await expect.poll(() => imageProperty(img, 'complete')).toBe(true);
  // Fitted into 128×128 with its aspect kept; the left half red, as the file was.
  const row = app.services.vault.list()[0]!.id;
  const left = await drawn(page, `[data-row-id="${row}"] .account-icon img`, 10, 30);
  expect([left.width, left.height]).toEqual([128, 64]);
  expect(left.rgba).toEqual([220, 20, 30, 255]);
  // The picture came by its hash, from the vault: the window never got it in the account list.
  const listed = app.sent.filter((s) => s.name === 'listAccounts' || s.name === 'accountsChanged');
  expect(JSON.stringify(listed)).not.toContain('data:image');
});

/** An Aegis export of three accounts with a PNG, an SVG and a damaged icon. */
function aegisWithIcons(): Uint8Array {
  const entry = (input: AccountInput, icon: Uint8Array, mime: string) => ({
    ...aegisEntry(input),
    icon: Buffer.from(icon).toString('base64'),
    icon_mime: mime,
  });
  return aegisPlainFile({
    version: 3,
    groups: [],
    entries: [
      entry(
        account('Photo Club', 'alice'),
        jpegFile(picture(96, 96, (x) => [40, 160, x, 255])),
        'image/jpeg',
      ),
      entry(account('Vector Co', 'bob'), Buffer.from(squareSvg('#1428c8')), 'image/svg+xml'),
      entry(account('Broken Icon Ltd', 'carol'), pngFile(halves(32, 32)).slice(0, 50), 'image/png'),
    ],
  });
}

for (const look of SHOT_LOOKS.slice(0, 2)) {
  const tag = `${look.lang}-${look.theme}-${look.width}x${look.height}`;
  test.describe(`import preview ${tag}`, () => {
    test.use({
      viewport: { width: look.width, height: look.height },
      harness: {
        now: CALM_START,
        vault: { password: PASSWORD, accounts: [account('My Server', 'admin')] },
        settings: { language: look.lang, theme: look.theme },
      },
    });

    test('an Aegis export’s pictures show in the preview; a broken one costs only its icon', async ({
      page,
      app,
    }) => {
      await unlock(page);
      const file = path.join(app.dir, 'aegis-export.json');
      await writeFile(file, aegisWithIcons());
      app.dialogs.importFile = file;
      const ja = look.lang === 'ja';
      await page.getByRole('button', { name: ja ? BACKUP_MENU_JA : BACKUP_MENU_EN }).click();
      await page
        .getByRole('menuitem', { name: ja ? RESTORE_JA : 'Restore or import a file…' })
        .click();
      const preview = page.locator('dialog[open]');
      const images = preview.locator('.account-icon img');
      await expect(images).toHaveCount(2);
      for (const img of await images.all()) {
        await expect
          .poll(async () => Number(await imageProperty(img, 'naturalWidth')))
          .toBeGreaterThan(0);
      }
      await expect(
        preview.getByText(
          look.lang === 'en'
            ? 'The account itself is imported, without this icon.'
            : 'アカウントはこのアイコンなしで取り込まれます。',
        ),
      ).toBeVisible();
      await expect(preview.getByText('entry 3: Broken Icon Ltd (carol)')).toBeVisible();
      await page.screenshot({ path: shot(`${tag}/icon-pictures-import`), animations: 'disabled' });
      expect(app.services.vault.list()).toHaveLength(1);
    });
  });
}
