// Quick access (quick.html) through the real handlers: the locked window unlocks inline and keeps
// what was typed, the keychain first where it is on; an empty search lists the recently used first;
// typing filters as the main list does; Enter copies and hides, Shift+Enter types (the harness's
// typist), Esc and leaving the window hide. Settings' shortcut recorder, a refused shortcut, and
// the screenshots (empty, filtered, locked, Japanese, dark).
import type { Page } from '@playwright/test';
import { totpCode } from '../../shared/otp';
import { buildSearchIndex, filterAccounts } from '../../shared/account-search';
import { test, expect, type AppHarness } from '../harness/browser/app';
import { checkAxe } from '../harness/browser/axe';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, manyAccounts, shot, unlock } from './support';

const names = (page: Page) => page.locator('.quick-issuer').allInnerTexts();
const labels = (page: Page) => page.locator('.quick-label').allInnerTexts();
const search = (page: Page) => page.getByRole('combobox', { name: 'Search accounts' });
const byLabel = (app: AppHarness, label: string) =>
  app.services.vault.list().find((a) => a.label === label)!;

async function quickUnlock(page: Page): Promise<void> {
  await page.getByLabel('Authdesk is locked. Enter your password to continue.').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await page.locator('.quick-row').first().waitFor();
}

test.describe('quick access', () => {
  test.use({
    viewport: { width: 520, height: 420 },
    harness: {
      page: 'quick',
      now: CALM_START,
      frozenTime: true,
      vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
    },
  });

  test('locked: asks for the password inline, then goes on with the search typed', async ({
    page,
    app,
  }) => {
    await search(page).fill('git');
    await expect(page.locator('.quick-row')).toHaveCount(0);
    await page.getByLabel('Authdesk is locked. Enter your password to continue.').fill('wrong');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toBeVisible();
    await quickUnlock(page);
    expect(app.services.vault.isUnlocked).toBe(true);
    await expect(search(page)).toBeFocused();
    await expect(search(page)).toHaveValue('git');
    expect(await names(page)).toEqual(['GitHub']);
  });

  test('an empty search lists the recently used accounts first, newest first', async ({
    page,
    app,
  }) => {
    await quickUnlock(page);
    const slack = byLabel(app, 'alice@acme');
    const google = byLabel(app, 'alice@example.com');
    await app.services.handlers.copyCode({ id: slack.id, which: 'current' });
    await app.services.handlers.copyCode({ id: google.id, which: 'current' });
    await app.showQuickAccess();
    await expect(page.locator('.quick-issuer').first()).toHaveText('Google');
    const shown = await names(page);
    expect(shown.slice(0, 3)).toEqual(['Google', 'Slack', 'Amazon Web Services']);
    expect(shown).toHaveLength(SAMPLE_ACCOUNTS.length);
    await expect(search(page)).toBeFocused();
  });

  test('typing filters with the main list search; a new show clears it', async ({ page, app }) => {
    await quickUnlock(page);
    const index = buildSearchIndex(app.services.vault.list());
    for (const query of ['aws', 'ｇｉｔｈｕｂ', '山田', 'alice example']) {
      await search(page).fill(query);
      await expect(page.locator('.quick-row')).toHaveCount(filterAccounts(index, query).length);
      expect(await labels(page)).toEqual(filterAccounts(index, query).map((a) => a.label));
    }
    await search(page).fill('nothing like this');
    await expect(page.getByText('No accounts match “nothing like this”.')).toBeVisible();
    await app.showQuickAccess();
    await expect(search(page)).toHaveValue('');
    await expect(page.locator('.quick-row')).toHaveCount(SAMPLE_ACCOUNTS.length);
  });

  test('Enter copies the selected code and hides the window; arrows move the selection', async ({
    page,
    app,
  }) => {
    await quickUnlock(page);
    await search(page).fill('aws');
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('.quick-row-selected .quick-label')).toHaveText('alice@prod-admin');
    await page.keyboard.press('Enter');
    const account = byLabel(app, 'alice@prod-admin');
    await expect.poll(() => app.clipboard.text).toBe(totpCode(account, app.clock.now()));
    await expect.poll(() => app.quickWindow.hides).toBe(1);
    expect(app.services.recent.list()[0]).toBe(account.id);
  });

  test('Shift+Enter hides the window and types the code into the one the user came from', async ({
    page,
    app,
  }) => {
    await quickUnlock(page);
    await search(page).fill('github');
    await page.keyboard.press('Shift+Enter');
    const github = byLabel(app, 'alice');
    await expect.poll(() => app.typist.typed).toEqual([totpCode(github, app.clock.now())]);
    expect(app.quickWindow.hides).toBe(1);
    expect(app.clipboard.text).toBe('');
    expect(app.services.recent.list()[0]).toBe(github.id);
  });

  test('where typing is not possible (Wayland), the hint says Shift+Enter copies, and it does', async ({
    page,
    app,
  }) => {
    app.typist.unavailable = 'wayland';
    await page.reload();
    await quickUnlock(page);
    const hint = page.locator('.quick-hint');
    await expect(hint).toContainText('Shift+Enter copies too: typing is not possible here');
    await expect(hint).toHaveAttribute('title', /Wayland session lets no app type into another/);
    await search(page).fill('github');
    await page.keyboard.press('Shift+Enter');
    const github = byLabel(app, 'alice');
    await expect.poll(() => app.clipboard.text).toBe(totpCode(github, app.clock.now()));
    expect(app.typist.typed).toEqual([]);
  });

  test('Esc hides; so does leaving the window', async ({ page, app }) => {
    await quickUnlock(page);
    await search(page).press('Escape');
    await expect.poll(() => app.quickWindow.hides).toBe(1);
    await page.evaluate("window.dispatchEvent(new Event('blur'))");
    await expect.poll(() => app.quickWindow.hides).toBe(2);
  });

  test('the shortcut shows it: main shows the window and the page hears it', async ({
    page,
    app,
  }) => {
    await quickUnlock(page);
    await search(page).fill('git');
    app.shortcuts.press('CommandOrControl+Alt+A');
    expect(app.quickWindow.shows).toBe(1);
    await expect(search(page)).toHaveValue('');
  });
});

test.describe('quick access with the keychain on', () => {
  test.use({
    viewport: { width: 520, height: 420 },
    harness: {
      page: 'quick',
      now: CALM_START,
      vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS, keychain: true },
    },
  });

  test('unlocks with the keychain first, without the password', async ({ page, app }) => {
    await page.locator('.quick-row').first().waitFor();
    expect(app.services.vault.isUnlocked).toBe(true);
    await expect(search(page)).toBeFocused();
  });
});

test.describe('the shortcut in Settings', () => {
  test.use({
    harness: {
      now: CALM_START,
      takenShortcuts: ['CommandOrControl+Alt+K'],
      vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
    },
  });

  async function openShortcut(page: Page) {
    await unlock(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    const section = page
      .getByRole('region', { name: 'Quick access shortcut' })
      .or(page.locator('section[aria-labelledby="settings-shortcut"]'));
    await section.first().scrollIntoViewIfNeeded();
    return section.first();
  }

  test('records a new shortcut and registers it; one another app holds is reported', async ({
    page,
    app,
  }) => {
    const section = await openShortcut(page);
    await expect(section.getByText('Active: Ctrl+Alt+A')).toBeVisible();
    await section.getByRole('button', { name: /Ctrl\+Alt\+A — Change/ }).click();
    await page.keyboard.press('Control+Alt+J');
    await expect(section.getByText('Active: Ctrl+Alt+J')).toBeVisible();
    expect(app.services.settings.get().quickAccessShortcut).toBe('CommandOrControl+Alt+J');
    expect([...app.shortcuts.held.keys()]).toEqual(['CommandOrControl+Alt+J']);

    await section.getByRole('button', { name: /Ctrl\+Alt\+J — Change/ }).click();
    await page.keyboard.press('Control+Alt+K');
    await expect(section.getByText(/Ctrl\+Alt\+K could not be registered/)).toBeVisible();
    expect([...app.shortcuts.held.keys()]).toEqual([]);

    await section.getByRole('button', { name: /— Change/ }).click();
    await page.keyboard.press('KeyQ');
    await expect(section.getByText(/Hold Ctrl, Alt/)).toBeVisible();
    await page.keyboard.press('Escape');
    await section.getByRole('button', { name: 'Default' }).click();
    await expect(section.getByText('Active: Ctrl+Alt+A')).toBeVisible();
  });
  test('says when typing the code is not possible here, and why', async ({ page, app }) => {
    app.typist.unavailable = 'wayland';
    const section = await openShortcut(page);
    await expect(section.getByText(/not possible here: a Wayland session/)).toBeVisible();
    await expect(section.getByText(/Shift\+Enter copies it instead/)).toBeVisible();
  });

  test('says nothing of typing where it works', async ({ page, app }) => {
    expect(app.typist.unavailable).toBeNull();
    const section = await openShortcut(page);
    await expect(section.getByText('Active: Ctrl+Alt+A')).toBeVisible();
    await expect(section.locator('.shortcut-typing')).toHaveCount(0);
  });
});

test.describe('quick access with 1,000 accounts', () => {
  test.use({
    viewport: { width: 520, height: 420 },
    harness: {
      page: 'quick',
      now: CALM_START,
      vault: { password: PASSWORD, accounts: manyAccounts(1000) },
    },
  });

  test('draws at most 20 rows and says how many more match', async ({ page, app }) => {
    void app;
    await quickUnlock(page);
    await expect(page.locator('.quick-row')).toHaveCount(20);
    await expect(page.getByText('980 more — keep typing to narrow.')).toBeVisible();
    await search(page).fill('service 09');
    await expect(page.locator('.quick-row')).toHaveCount(20);
    await search(page).fill('service 099'); // 0099 and 0990–0999
    await expect(page.locator('.quick-row')).toHaveCount(11);
  });
});

const LOOKS = [
  { name: 'en-light', settings: { language: 'en', theme: 'light' } },
  { name: 'ja-light', settings: { language: 'ja', theme: 'light' } },
  { name: 'en-dark', settings: { language: 'en', theme: 'dark' } },
] as const;

for (const look of LOOKS) {
  test.describe(`screenshots ${look.name}`, () => {
    test.use({
      viewport: { width: 520, height: 420 },
      harness: {
        page: 'quick',
        now: CALM_START,
        frozenTime: true,
        settings: look.settings,
        vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
      },
    });

    test('locked, empty, filtered', async ({ page, app }) => {
      void app;
      const snap = (name: string) =>
        page.screenshot({
          path: shot(`quick-access/${look.name}-${name}`),
          animations: 'disabled',
        });
      await page.locator('.quick-unlock input').waitFor();
      await snap('locked');
      await page.locator('.quick-unlock input').fill(PASSWORD);
      await page.keyboard.press('Enter');
      await page.locator('.quick-row').first().waitFor();
      await snap('empty');
      await page.locator('.quick-search').fill('aws');
      await expect(page.locator('.quick-row')).toHaveCount(2);
      await snap('filtered');
    });
  });
}

// axe-core on quick access, as on every other screen: locked, the list, a search with no match; each
// look; no critical or serious violation.
const AXE_LOOKS = [
  ...LOOKS,
  { name: 'ja-dark', settings: { language: 'ja', theme: 'dark' } } as const,
] as const;
for (const look of AXE_LOOKS) {
  test.describe(`axe ${look.name}`, () => {
    test.use({
      viewport: { width: 520, height: 420 },
      harness: {
        page: 'quick',
        now: CALM_START,
        settings: look.settings,
        vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
      },
    });

    test('no critical or serious violations', async ({ page, app }) => {
      void app;
      const serious = async (screen: string) => {
        const result = await checkAxe(page);
        return result.violations
          .filter((v) => v.impact === 'critical' || v.impact === 'serious')
          .map((v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      };
      const found: string[] = [];
      await page.locator('.quick-unlock input').waitFor();
      found.push(...(await serious('locked')));
      await page.locator('.quick-unlock input').fill(PASSWORD);
      await page.keyboard.press('Enter');
      await page.locator('.quick-row').first().waitFor();
      found.push(...(await serious('list')));
      await page.locator('.quick-search').fill('nothing like this');
      await page.locator('.quick-empty').waitFor();
      found.push(...(await serious('no match')));
      expect(found).toEqual([]);
    });
  });
}
