// The list's own controls in a real Chromium: the tag chips (keyboard, with the search, remembered
// across a reload, falling back to All), tag headers (collapsed from the keyboard, remembered), the
// compact density (16 whole rows at 1280×800), the next code hidden, and the three orders.
import type { Page } from '@playwright/test';
import { test, expect, type AppHarness } from '../harness/browser/app';
import { CALM_START, PASSWORD, SAMPLE_ACCOUNTS, manyAccounts, unlock } from './support';
import { TAGGED_ACCOUNTS } from './list-support';

const issuers = (page: Page) => page.locator('.row-issuer').allInnerTexts();
const chip = (page: Page, name: string) =>
  page.getByRole('radiogroup', { name: 'Show accounts with tag' }).getByRole('radio', { name });
const header = (page: Page, tag: string) =>
  page.getByRole('listitem').getByRole('button', { name: new RegExp(`^${tag}\\b`) });
const withTag = (tag: string) => TAGGED_ACCOUNTS.filter((a) => a.tags?.includes(tag));
const idOf = (app: AppHarness, issuer: string, label: string) =>
  app.services.vault.list().find((a) => a.issuer === issuer && a.label === label)!.id;

/** The rows fully inside the list's visible area. */
function wholeRows(page: Page): Promise<number> {
  return page.locator('.list-scroller').evaluate((scroller) => {
    const view = scroller.getBoundingClientRect();
    return [...scroller.querySelectorAll('.list-slot')].filter((slot) => {
      const box = slot.getBoundingClientRect();
      return box.top >= view.top && box.bottom <= view.bottom && box.height > 0;
    }).length;
  });
}

test.describe('with tagged accounts', () => {
  test.use({
    harness: { now: CALM_START, vault: { password: PASSWORD, accounts: TAGGED_ACCOUNTS } },
  });

  test('a chip narrows the list, with the search too; arrows choose; a reload keeps it', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const work = withTag('Work').length;
    await chip(page, 'Work').click();
    await expect(chip(page, 'Work')).toHaveAttribute('aria-checked', 'true');
    await expect(page.locator('.row-main')).toHaveCount(work);
    // One tab stop: the arrows, Home and End move and choose; the focus follows.
    await page.keyboard.press('End');
    await expect(chip(page, 'Untagged')).toBeFocused();
    await expect(page.locator('.row-main')).toHaveCount(
      TAGGED_ACCOUNTS.filter((a) => !a.tags).length,
    );
    await page.keyboard.press('Home');
    await expect(chip(page, 'All')).toHaveAttribute('aria-checked', 'true');
    await page.keyboard.press('ArrowLeft'); // wraps to the last
    await expect(chip(page, 'Untagged')).toHaveAttribute('aria-checked', 'true');
    await chip(page, 'Work').click();

    await page.getByLabel('Search accounts').fill('amazon');
    expect(await issuers(page)).toEqual(['Amazon Web Services']);
    await expect(page.getByText(`1 of ${work}`)).toBeVisible();
    expect(app.services.settings.get().tagFilter).toEqual({ kind: 'tag', name: 'Work' });

    await page.reload(); // main stays unlocked: the window asks it for the settings again
    await page.locator('.row-main').first().waitFor();
    await expect(chip(page, 'Work')).toHaveAttribute('aria-checked', 'true');
    await expect(page.locator('.row-main')).toHaveCount(work);
  });

  test('a chip whose tag goes away falls back to All', async ({ page, app }) => {
    await unlock(page);
    await chip(page, 'AWS').click();
    await expect(page.locator('.row-main')).toHaveCount(withTag('AWS').length);
    // Removed in the tag manager (through the window's own door).
    await page.evaluate(`window.authdesk.invoke('removeTag', { name: 'AWS' })`);
    await expect(chip(page, 'AWS')).toHaveCount(0);
    await expect(chip(page, 'All')).toHaveAttribute('aria-checked', 'true');
    await expect(page.locator('.row-main')).toHaveCount(TAGGED_ACCOUNTS.length);
    await expect.poll(() => app.services.settings.get().tagFilter).toEqual({ kind: 'all' });
  });

  test.describe('grouped by tag', () => {
    test.use({
      harness: {
        now: CALM_START,
        settings: { groupByTag: true },
        vault: { password: PASSWORD, accounts: TAGGED_ACCOUNTS },
      },
    });

    test('headers collapse with Enter and Space, are remembered, and the arrows cross them', async ({
      page,
      app,
    }) => {
      await unlock(page);
      const prodAdmin = idOf(app, 'Amazon Web Services', 'alice@prod-admin');
      // Under both of its tags; the pinned ones only on top.
      await expect(page.locator(`[data-row-id="${prodAdmin}"]`)).toHaveCount(2);
      await expect(header(page, 'AWS')).toHaveAttribute('aria-expanded', 'true');
      await expect(header(page, 'AWS')).toHaveAccessibleName(
        `AWS ${withTag('AWS').filter((a) => !a.pinned).length} accounts`,
      );

      await page.getByLabel('Search accounts').press('ArrowDown');
      await expect(page.locator('.row-main').first()).toBeFocused();
      await page.keyboard.press('End');
      await expect(page.locator('.row-main').last()).toBeFocused();
      await page.keyboard.press('Home');
      // Two pinned rows, then the first header.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const first = page.locator('.group-header').first();
      await expect(first).toBeFocused();
      const tag = (await first.locator('.group-header-name').innerText()).trim();
      await page.keyboard.press('Enter');
      await expect(first).toHaveAttribute('aria-expanded', 'false');
      await expect(page.locator(`[data-row-key^="tag:${tag}/"]`)).toHaveCount(0);
      await expect.poll(() => app.services.settings.get().collapsedTags).toEqual([tag]);
      // The next header is the next stop now; Space collapses it, ArrowRight opens the first again.
      await page.keyboard.press('ArrowDown');
      const second = page.locator('.group-header').nth(1);
      await expect(second).toBeFocused();
      await page.keyboard.press(' ');
      await expect(second).toHaveAttribute('aria-expanded', 'false');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowRight');
      await expect(first).toHaveAttribute('aria-expanded', 'true');

      await page.reload();
      await page.locator('.row-main').first().waitFor();
      await expect(page.locator('.group-header').nth(1)).toHaveAttribute('aria-expanded', 'false');
      await expect(page.locator('.group-header').first()).toHaveAttribute('aria-expanded', 'true');
    });

    test('a drag moves an account within its tag group, never into another', async ({
      page,
      app,
    }) => {
      await unlock(page);
      const row = (tag: string, label: string, issuer: string) =>
        page.locator(`[data-row-key="tag:${tag}/${idOf(app, issuer, label)}"] .row`);
      const work = () => page.locator('[data-row-key^="tag:Work/"] .row-issuer').allInnerTexts();
      const stored = () => app.services.vault.list().map((a) => a.issuer);
      const before = { work: await work(), stored: stored() };
      const slack = row('Work', 'alice@acme', 'Slack');
      // Into another group: refused. Then within Work: Slack before Microsoft. The moves reach main
      // in order, so once the second is stored, a first one would have been too.
      await row('Personal', 'alice@example.com', 'Dropbox').dragTo(slack);
      // Back to the top: the first drag scrolled the list down to Dropbox.
      await page.locator('.list-scroller').evaluate((e) => e.scrollTo(0, 0));
      await slack.dragTo(row('Work', 'alice@contoso.onmicrosoft.com', 'Microsoft'), {
        targetPosition: { x: 200, y: 4 },
      });
      const slackBeforeMicrosoft = (list: string[]) => {
        const out = list.filter((n) => n !== 'Slack');
        out.splice(out.indexOf('Microsoft'), 0, 'Slack');
        return out;
      };
      await expect.poll(work).toEqual(slackBeforeMicrosoft(before.work));
      await expect.poll(stored).toEqual(slackBeforeMicrosoft(before.stored));
    });
  });
});

test.describe('with many tags in a narrow window', () => {
  test.use({
    viewport: { width: 400, height: 700 },
    harness: {
      now: CALM_START,
      vault: {
        password: PASSWORD,
        accounts: manyAccounts(12).map((a, i) => ({ ...a, tags: [`Team ${i}`] })),
      },
    },
  });

  test('the chips stay on one line and scroll to the one chosen', async ({ page, app }) => {
    void app;
    await unlock(page);
    const chips = page.locator('.filter-chips');
    const line = (await page.locator('.filter-chip').first().boundingBox())!.height;
    expect((await chips.boundingBox())!.height).toBeLessThan(2 * line);
    expect(await chips.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await chip(page, 'All').focus();
    await page.keyboard.press('End');
    await expect(chip(page, 'Untagged')).toBeInViewport({ ratio: 1 });
  });
});

test.describe('compact', () => {
  test.use({
    harness: {
      now: CALM_START,
      settings: { listDensity: 'compact' },
      vault: { password: PASSWORD, accounts: manyAccounts(30) },
    },
  });

  test('at least 16 whole rows fit a 1280×800 window (comfortable: fewer)', async ({
    page,
    app,
  }) => {
    void app;
    await unlock(page);
    const compact = await wholeRows(page);
    expect(compact).toBeGreaterThanOrEqual(16);
    await page.getByRole('button', { name: 'View options' }).click();
    await page.getByRole('menuitemradio', { name: 'Comfortable' }).click();
    await expect.poll(() => wholeRows(page)).toBeLessThan(compact);
  });
});

test.describe('without the next code', () => {
  test.use({
    harness: {
      now: CALM_START,
      settings: { showNextCode: false },
      vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
    },
  });

  test('rows show only the current code until Settings › List turns it back on', async ({
    page,
    app,
  }) => {
    await unlock(page);
    await expect(page.locator('.code-current')).toHaveCount(SAMPLE_ACCOUNTS.length);
    await expect(page.locator('.row-next')).toHaveCount(0);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('switch', { name: 'Show the next code' }).check();
    await page.keyboard.press('Escape');
    // HOTP accounts have no next code.
    const timed = SAMPLE_ACCOUNTS.filter((a) => a.type !== 'hotp').length;
    await expect(page.locator('.row-next')).toHaveCount(timed);
    expect(app.services.settings.get().showNextCode).toBe(true);
  });
});

test.describe('the orders', () => {
  test.use({
    harness: { now: CALM_START, vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS } },
  });

  test('by name, by recent use; moving is offered in manual order only', async ({ page, app }) => {
    await unlock(page);
    const manual = await issuers(page);
    const view = page.getByRole('button', { name: 'View options' });
    await view.click();
    await page.getByRole('menuitemradio', { name: 'Name' }).click();
    const [pinned, ...rest] = manual;
    const byName = [...rest].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
    await expect.poll(() => issuers(page)).toEqual([pinned, ...byName]);
    expect(app.services.settings.get().sortOrder).toBe('name');

    // No moving: Alt+Down says why and changes nothing; the menu offers manual order instead.
    await page.locator('.row-main').nth(1).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect(page.getByText('Accounts are moved in manual order only')).toBeVisible();
    expect(await issuers(page)).toEqual([pinned, ...byName]);
    await expect(page.locator('.row[draggable="true"]')).toHaveCount(0);
    await page.locator('.toast .icon-button').click(); // it would cover the rows below

    await view.click();
    await page.getByRole('menuitemradio', { name: 'Recently used' }).click();
    await expect.poll(() => issuers(page)).toEqual(manual);
    await page.locator('.row-main', { hasText: 'Slack' }).click();
    await expect.poll(async () => (await issuers(page))[1]).toBe('Slack');

    await page.locator('.row-menu').nth(1).click();
    await expect(page.getByRole('menuitem', { name: 'Move down' })).toHaveCount(0);
    await page.getByRole('menuitem', { name: 'Switch to manual order to move' }).click();
    await expect.poll(() => issuers(page)).toEqual(manual);
    expect(app.services.settings.get().sortOrder).toBe('manual');
    await expect(page.locator('.row[draggable="true"]')).toHaveCount(SAMPLE_ACCOUNTS.length);
  });
});

/**
 * What overlaps or is cut off in the rows on screen: names, codes, the ring and the buttons, each
 * against the others and against its row; a code narrower than its text is clipped.
 */
function rowProblems(page: Page): Promise<string[]> {
  return page.locator('.list-scroller').evaluate((scroller) => {
    const problems: string[] = [];
    const view = scroller.getBoundingClientRect();
    for (const row of scroller.querySelectorAll('.row')) {
      const box = row.getBoundingClientRect();
      if (box.bottom <= view.top || box.top >= view.bottom) continue;
      const name = row.querySelector('.row-issuer')?.textContent ?? '?';
      const parts = [
        '.row-issuer',
        '.row-label',
        '.code-current',
        '.row-next',
        '.ring',
        '.row-hotp',
        '.row-menu',
      ].flatMap((selector) => {
        const el = row.querySelector(selector);
        const rect = el?.getBoundingClientRect();
        return el && rect && rect.width > 0 ? [{ selector, el, rect }] : [];
      });
      for (const { selector, el, rect } of parts) {
        if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5) {
          problems.push(`${name}: ${selector} outside its row`);
        }
        if (rect.top < box.top - 0.5 || rect.bottom > box.bottom + 0.5) {
          problems.push(`${name}: ${selector} taller than its row`);
        }
        if (selector.startsWith('.code') && el.scrollWidth > el.clientWidth + 0.5) {
          problems.push(`${name}: ${selector} clipped`);
        }
      }
      for (const [i, a] of parts.entries()) {
        for (const b of parts.slice(i + 1)) {
          const overlap =
            Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left) > 0.5 &&
            Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top) > 0.5;
          if (overlap) problems.push(`${name}: ${a.selector} overlaps ${b.selector}`);
        }
      }
    }
    return problems;
  });
}

test.describe('at 200% zoom', () => {
  // A 1280×800 window at 200%: 640×400 CSS pixels, drawn at twice the density.
  test.use({
    viewport: { width: 640, height: 400 },
    deviceScaleFactor: 2,
    harness: {
      now: CALM_START,
      settings: { groupByTag: true },
      vault: { password: PASSWORD, accounts: TAGGED_ACCOUNTS },
    },
  });

  test('names, codes and buttons neither overlap nor clip, in both densities', async ({
    page,
    app,
  }) => {
    void app;
    await unlock(page);
    const scroller = page.locator('.list-scroller');
    for (const density of ['Comfortable', 'Compact'] as const) {
      await page.getByRole('button', { name: 'View options' }).click();
      await page.getByRole('menuitemradio', { name: density }).click();
      await expect(scroller).toHaveClass(new RegExp(`list-${density.toLowerCase()}`));
      // Every row, a screenful at a time (the list renders only what is in view).
      for (let top = 0; ; top += 150) {
        await scroller.evaluate((el, y) => el.scrollTo(0, y), top);
        expect(await rowProblems(page), `${density}, scrolled to ${top}`).toEqual([]);
        const end = await scroller.evaluate(
          (el) => el.scrollTop + el.clientHeight >= el.scrollHeight,
        );
        if (end) break;
      }
      await scroller.evaluate((el) => el.scrollTo(0, 0));
    }
  });
});
