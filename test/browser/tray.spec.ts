// The tray and start with the system: Settings' System rows (through the real handlers, saved in the
// settings main reads), and the tray menu's model (electron/use-cases/tray-menu.ts) drawn as a
// picture, locked and unlocked, in English and Japanese, with the icons it would show.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../harness/browser/app';
import { trayMenu, type TrayModel } from '../../electron/use-cases/tray-menu';
import { TrayIcons } from '../../electron/use-cases/tray-icons';
import { BrandIcons } from '../../electron/icons/brand-icons';
import { menuIconPng } from '../../electron/icons/icon-picture';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, shot, unlock } from './support';

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  return page.getByRole('dialog', { name: 'Settings' });
}

test.describe('Settings › System', () => {
  test.use({ harness: { now: CALM_START, vault: { password: PASSWORD } } });

  test('keeps Authdesk in the tray by default here (Linux), and starts with the system only when asked', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const settings = await openSettings(page);
    const tray = settings.getByRole('switch', {
      name: 'Keep in the tray when the window is closed',
    });
    const start = settings.getByRole('switch', { name: 'Start Authdesk when you log in' });
    const hidden = settings.getByRole('switch', { name: 'Start hidden in the tray' });
    await expect(tray).toBeChecked();
    await expect(tray).toHaveAccessibleDescription(/AppIndicator/);
    await expect(start).not.toBeChecked();
    await expect(hidden).toBeDisabled();
    await expect(hidden).toHaveAccessibleDescription(/Turn on starting at login first/);
    expect(app.services.settings.get()).toMatchObject({
      closeToTray: null,
      startWithSystem: false,
      startHidden: false,
    });

    await tray.click();
    await expect(tray).not.toBeChecked();
    await start.click();
    await expect(hidden).toBeEnabled();
    await hidden.click();
    await expect(hidden).toBeChecked();
    await expect
      .poll(() => app.services.settings.get())
      .toMatchObject({ closeToTray: false, startWithSystem: true, startHidden: true });
    await settings.screenshot({ path: shot('tray/settings-system-en') });
  });

  test.describe('in Japanese', () => {
    test.use({
      harness: {
        now: CALM_START,
        vault: { password: PASSWORD },
        settings: { language: 'ja', startWithSystem: true },
      },
    });

    test('names the rows in Japanese', async ({ page, app }) => {
      void app;
      await unlock(page);
      await page.getByRole('button', { name: '設定' }).click();
      const settings = page.getByRole('dialog', { name: '設定' });
      await expect(
        settings.getByRole('switch', { name: 'ウィンドウを閉じてもトレイに残す' }),
      ).toBeChecked();
      await expect(
        settings.getByRole('switch', { name: 'ログイン時に Authdesk を起動する' }),
      ).toBeChecked();
      await expect(
        settings.getByRole('switch', { name: 'トレイに隠した状態で起動する' }),
      ).toBeEnabled();
      await settings.getByRole('heading', { name: 'システム' }).scrollIntoViewIfNeeded();
      await settings.screenshot({ path: shot('tray/settings-system-ja') });
    });
  });
});

// ---- The tray menu as a picture ----

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

async function iconDataUrl(name: string): Promise<string> {
  const bytes = await readFile(
    path.join(import.meta.dirname, '..', '..', 'assets', 'tray', `${name}@2x.png`),
  );
  return `data:image/png;base64,${bytes.toString('base64')}`;
}

/** One menu as the OS would draw it, roughly: the icon in a bar, the tooltip, the items below. */
async function menuHtml(title: string, model: TrayModel): Promise<string> {
  const items = model.items
    .map((item) => {
      if (item.type === 'separator') return '<hr>';
      if (item.type === 'heading') return `<div class="heading">${escape(item.label)}</div>`;
      const kind =
        item.action.kind === 'copy' ? `copy ${escape(item.action.id)}` : item.action.kind;
      const keys = item.accelerator ? `<span class="keys">${escape(item.accelerator)}</span>` : '';
      // An account's icon at 16 px, drawn from its 2× PNG as a 2× screen would.
      const icon = item.icon
        ? `<img class="icon" src="data:image/png;base64,${Buffer.from(item.icon.x2).toString('base64')}" alt="">`
        : '<span class="icon"></span>';
      return `<div class="item" data-action="${kind}"><span>${icon}${escape(item.label)}</span>${keys}</div>`;
    })
    .join('');
  return `<figure>
    <figcaption>${escape(title)}</figcaption>
    <div class="bar"><img class="colour" src="${await iconDataUrl(model.icon)}" alt="">
      <span class="dark"><img src="${await iconDataUrl(`${model.icon}Template`)}" alt=""></span>
      <span class="tip">${escape(model.tooltip)}</span></div>
    <div class="menu">${items}</div>
  </figure>`;
}

const STYLE = `
  body { margin: 16px; font: 13px system-ui, 'Noto Sans CJK JP', sans-serif; background: #e8eaed; }
  .grid { display: grid; grid-template-columns: repeat(2, 340px); gap: 16px; }
  figure { margin: 0; }
  figcaption { font-weight: 600; margin-bottom: 6px; color: #202124; }
  .bar { display: flex; align-items: center; gap: 8px; background: #202124; padding: 4px 8px;
    border-radius: 6px 6px 0 0; }
  .bar img { width: 16px; height: 16px; }
  .bar .dark { background: #f1f3f4; border-radius: 3px; padding: 2px; display: inline-flex; }
  .tip { color: #fff; background: #3c4043; padding: 1px 6px; border-radius: 3px; font-size: 12px; }
  .menu { background: #fff; border: 1px solid #c4c7c5; border-radius: 0 0 6px 6px; padding: 4px 0;
    box-shadow: 0 2px 6px rgb(0 0 0 / 20%); }
  .item, .heading { padding: 4px 16px; display: flex; justify-content: space-between; }
  .item > span:first-child { display: flex; align-items: center; gap: 8px; }
  .icon { width: 16px; height: 16px; display: inline-block; }
  .heading { color: #5f6368; font-size: 12px; }
  .keys { color: #5f6368; }
  hr { border: 0; border-top: 1px solid #e0e0e0; margin: 4px 0; }
`;

test('the tray menu, drawn from its model: locked and unlocked, English and Japanese', async ({
  page,
}) => {
  const accounts = SAMPLE_ACCOUNTS.map((account, i) => ({ ...account, id: `id${i}` }));
  const recentIds = ['id3', 'id8', 'id2'];
  // The icons main draws for them (brands matched from their names; no picture is kept here).
  const icons = await new TrayIcons({
    pictures: { menuIcon: menuIconPng },
    brands: new BrandIcons(),
    iconImages: () => ({}),
    dark: () => false,
  }).forAccounts(accounts);
  const shortcut = 'Ctrl+Alt+A';
  const menus: [string, TrayModel][] = [];
  for (const language of ['en', 'ja'] as const) {
    for (const vault of ['unlocked', 'locked'] as const) {
      menus.push([
        `${language} · ${vault}`,
        trayMenu({
          vault,
          accounts: vault === 'unlocked' ? accounts : [],
          icons,
          recentIds,
          language,
          quickAccessShortcut: shortcut,
        }),
      ]);
    }
  }
  const figures = await Promise.all(menus.map(([title, model]) => menuHtml(title, model)));
  await page.setViewportSize({ width: 740, height: 900 });
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head>` +
      `<body><div class="grid">${figures.join('')}</div></body></html>`,
  );
  // What the picture shows is the model: the pinned account, the recent ones, and no names locked.
  const unlockedEn = page.locator('figure').nth(0);
  await expect(unlockedEn.locator('.item[data-action="copy id0"]')).toHaveText(
    'Amazon Web Services (root@123456789012)',
  );
  await expect(unlockedEn.locator('.item[data-action^="copy"]')).toHaveText([
    'Amazon Web Services (root@123456789012)',
    'Google (alice@example.com)',
    'さくらのクラウド (山田 太郎)',
    'GitHub (alice)',
  ]);
  await expect(page.locator('figure').nth(1).locator('.item[data-action^="copy"]')).toHaveCount(0);
  // Google and GitHub show their brand icons; Amazon Web Services (our text badge) none.
  await expect(unlockedEn.locator('.item[data-action^="copy"] img.icon')).toHaveCount(2);
  await expect(unlockedEn.locator('.item[data-action="copy id0"] img.icon')).toHaveCount(0);
  await expect(page.locator('figure').nth(3).locator('.item').first()).toHaveText('ロックを解除…');
  await page.locator('.grid').screenshot({ path: shot('tray/menu') });
});
