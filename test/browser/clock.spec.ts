// Clock drift in the window: measured at start against a real SNTP server on 127.0.0.1 that reports a
// skewed time, the warning on the accounts screen, correcting codes, and Settings › Time.
import type { Locator, Page } from '@playwright/test';
import { totpCode } from '../../shared/otp';
import { CHECK_SPACING_MS } from '../../shared/time-server';
import { test as base, expect, type AppHarness } from '../harness/browser/app';
import { SntpTestServer } from '../harness/sntp-server';
import { PASSWORD, SAMPLE_ACCOUNTS, shot, stepStart, unlock } from './support';

/**
 * 14 s into a step on this computer's clock; with the server 42.3 s behind, 1.7 s into the server's
 * step. The clock stands still there (frozenTime), so both sets of codes stay the same.
 */
const START = stepStart(Date.UTC(2025, 0, 15, 9, 0, 0), 14_000);
const FAST = -42_300;
/** What Settings shows for FAST, to a tenth of a second. */
const FAST_TEXT = 'Your clock is 42.3 s fast.';

type Look = { language: 'en' | 'ja'; theme: 'light' | 'dark' };

/** The correction settings at start: off unless a test says otherwise. */
type Correction = { correctClock: boolean; clockOffsetAcceptedMs: number | null };

const test = base.extend<{
  skewMs: number;
  look: Look;
  correction: Correction;
  sntp: SntpTestServer;
}>({
  skewMs: [FAST, { option: true }],
  look: [{ language: 'en', theme: 'light' }, { option: true }],
  correction: [{ correctClock: false, clockOffsetAcceptedMs: null }, { option: true }],
  sntp: async ({ skewMs }, use) => {
    // The harness clock stands at START while the request and the reply travel, so the measured
    // offset is exactly the skew, however long loopback takes on a busy machine.
    const server = await SntpTestServer.start({ time: () => START + skewMs });
    await use(server);
    await server.close();
  },
  harness: async ({ sntp, look, correction }, use) => {
    await use({
      now: START,
      frozenTime: true,
      vault: { password: PASSWORD, accounts: SAMPLE_ACCOUNTS },
      settings: { ...look, ...correction, timeServer: sntp.server },
      checkClockAtStart: true,
    });
  },
});

const firstTotp = (app: AppHarness) => app.services.vault.list().find((a) => a.type === 'totp')!;
const codeOf = (page: Page, id: string) =>
  page.locator(`[data-row-id="${id}"] .code-current`).getAttribute('data-code');
const banner = (page: Page) => page.locator('.clock-warning');

async function openTimeSettings(page: Page, name = 'Settings'): Promise<Locator> {
  await page.getByRole('button', { name }).click();
  const section = page.locator('section.settings-section', { has: page.locator('.clock-check') });
  await section.scrollIntoViewIfNeeded();
  return section;
}

test('warns that the clock is 42 s fast, and one click corrects the codes and hides the warning', async ({
  page,
  app,
}) => {
  await unlock(page);
  await expect(banner(page)).toHaveText(
    /Your computer's clock is 42 s fast; codes may be rejected\.\s*Correct codes/,
  );
  const account = firstTotp(app);
  // Until corrected, codes follow this computer's clock.
  expect(await codeOf(page, account.id)).toBe(totpCode(account, app.clock.now()));
  await page.screenshot({ path: shot('clock/en-light-banner'), animations: 'disabled' });

  // By keyboard: the button is in the tab order.
  await banner(page).getByRole('button', { name: 'Correct codes' }).focus();
  await page.keyboard.press('Enter');
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByText('Codes now follow the time server.')).toBeVisible();
  const offset = app.services.clockCheck.status().offsetMs!;
  // The click accepted the offset it showed: a later one more than 5 s away will be asked about.
  expect(app.services.settings.get()).toMatchObject({
    correctClock: true,
    clockOffsetAcceptedMs: offset,
  });
  expect(Math.abs(offset - FAST)).toBeLessThanOrEqual(1); // SNTP's fractions of a second, rounded
  const corrected = totpCode(account, app.clock.now() + offset);
  expect(corrected).not.toBe(totpCode(account, app.clock.now()));
  await expect.poll(() => codeOf(page, account.id)).toBe(corrected);

  // Copying takes the corrected code too.
  await page.locator(`[data-row-id="${account.id}"] .row-main`).click();
  await expect.poll(() => app.clipboard.text).toBe(corrected);
});

test('Settings › Time shows the offset, checks again, takes another server and explains a failure', async ({
  page,
  app,
  sntp,
}) => {
  await unlock(page);
  await expect(banner(page)).toBeVisible();
  const section = await openTimeSettings(page);
  await expect(section.locator('.clock-offset')).toHaveText(FAST_TEXT);
  await expect(section.locator('.clock-reading')).toContainText(`Measured against ${sntp.server}`);
  const correct = section.getByRole('switch', { name: 'Correct codes by the measured offset' });
  await expect(correct).not.toBeChecked();
  await section.screenshot({ path: shot('clock/en-light-settings'), animations: 'disabled' });

  // Check now asks the server again.
  const asked = sntp.requests.length;
  await section.getByRole('button', { name: 'Check now' }).click();
  await expect.poll(() => sntp.requests.length).toBe(asked + 1);
  await expect(section.getByRole('button', { name: 'Check now' })).toBeEnabled();

  // Another server: refused until it is a host[:port]; one that never answers changes nothing.
  const silent = await SntpTestServer.start({ reply: () => null });
  try {
    await section.getByLabel('Time server').selectOption({ label: 'Another server…' });
    const field = section.getByLabel('Server name or address');
    await app.advance(20); // the field takes the focus in the next frame
    await expect(field).toBeFocused();
    await field.fill('not a server!');
    await page.keyboard.press('Enter');
    await expect(section.getByText(/Enter a host name or IP address/)).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(app.services.settings.get().timeServer).toBe(sntp.server);

    // A typed-in server is asked about in main's own dialog; Cancel keeps the old one and asks nothing.
    await field.fill(` ${silent.server} `);
    await section.getByRole('button', { name: 'Use this server' }).click();
    await expect.poll(() => app.dialogs.questions.length).toBe(1);
    expect(app.dialogs.questions[0]!.message).toBe(`Use ${silent.server} as the time server?`);
    await expect(section.getByLabel('Time server')).toBeVisible();
    expect(app.services.settings.get().timeServer).toBe(sntp.server);
    expect(silent.requests).toHaveLength(0);

    // Yes: kept and asked, once the spacing since the last "Check now" is over.
    app.dialogs.answer = true;
    await app.advance(CHECK_SPACING_MS);
    await section.getByLabel('Time server').selectOption({ label: 'Another server…' });
    await app.advance(20);
    await section.getByLabel('Server name or address').fill(silent.server);
    await section.getByRole('button', { name: 'Use this server' }).click();
    await expect.poll(() => app.services.settings.get().timeServer).toBe(silent.server);
    expect(app.dialogs.questions).toHaveLength(2);
    const failure = section.getByRole('alert');
    await expect(failure).toContainText(`Could not check the clock against ${silent.server}`);
    await expect(failure).toContainText('The time server could not be reached.');
    // The last good measurement stays, and so does the warning.
    await expect(section.locator('.clock-offset')).toHaveText(FAST_TEXT);
    await section.screenshot({
      path: shot('clock/en-light-settings-failed'),
      animations: 'disabled',
    });
  } finally {
    await silent.close();
  }

  // The switch corrects codes by the offset shown, and says so; the banner is gone once the dialog closes.
  // It shows main's answer (main may refuse a changed offset), so it turns on once that arrives.
  await correct.click();
  await expect(correct).toBeChecked();
  await expect.poll(() => app.services.settings.get().correctClock).toBe(true);
  await expect(section.locator('.clock-correction')).toHaveText('Codes are corrected by −42.3 s.');
  await section.screenshot({
    path: shot('clock/en-light-settings-applied'),
    animations: 'disabled',
  });
  await page.keyboard.press('Escape');
  await expect(banner(page)).toHaveCount(0);
});

test.describe('Japanese, dark', () => {
  test.use({ look: { language: 'ja', theme: 'dark' } });
  test('the warning and Settings › Time in Japanese', async ({ page, app }) => {
    void app; // the fixture that starts the harness
    await unlock(page);
    await expect(banner(page)).toContainText(
      'このコンピューターの時計が 42 秒進んでいるため、コードが受け付けられないことがあります。',
    );
    await page.screenshot({ path: shot('clock/ja-dark-banner'), animations: 'disabled' });
    const section = await openTimeSettings(page, '設定');
    await expect(section.locator('.clock-offset')).toHaveText('時計が 42.3 秒進んでいます。');
    await section.screenshot({ path: shot('clock/ja-dark-settings'), animations: 'disabled' });
  });
});

test.describe('a clock an hour slow, in a narrow window', () => {
  test.use({ skewMs: 3_600_000, viewport: { width: 400, height: 700 } });
  test('says so in hours and minutes', async ({ page, app }) => {
    void app;
    await unlock(page);
    await expect(banner(page)).toContainText("Your computer's clock is 1 h 0 min slow");
    await page.screenshot({ path: shot('clock/en-light-400-banner-slow'), animations: 'disabled' });
    const section = await openTimeSettings(page);
    await expect(section.locator('.clock-offset')).toHaveText('Your clock is 1 h 0 min slow.');
    await section.screenshot({ path: shot('clock/en-light-400-settings'), animations: 'disabled' });
  });

  test('offers no one-click correction: past 5 minutes only setting the clock helps', async ({
    page,
    app,
  }) => {
    await unlock(page);
    await expect(banner(page)).toContainText(
      "Set this computer's clock: Authdesk corrects codes by at most 5 min.",
    );
    await expect(banner(page).getByRole('button')).toHaveCount(0);
    const section = await openTimeSettings(page);
    const correct = section.getByRole('switch', { name: 'Correct codes by the measured offset' });
    await correct.click(); // the switch shows main's answer, once it arrives
    await expect(correct).toBeChecked();
    await expect(section.locator('.clock-correction-paused')).toContainText(
      'The offset (+1 h 0 min) is more than the 5 minutes Authdesk corrects.',
    );
    expect(app.services.clockCheck.correctionMs()).toBe(0);
    await section.locator('.clock-correction-paused').scrollIntoViewIfNeeded();
    await section.screenshot({
      path: shot('clock/en-light-400-settings-too-large'),
      animations: 'disabled',
    });
  });
});

for (const look of [
  { language: 'en', theme: 'light' },
  { language: 'ja', theme: 'dark' },
  { language: 'en', theme: 'dark' },
  { language: 'ja', theme: 'light' },
] as const) {
  test.describe(`an offset that moved since it was accepted (${look.language}, ${look.theme})`, () => {
    // Accepted at 32.3 s fast; now measured 42.3 s fast: 10 s away, so the correction waits.
    test.use({ look, correction: { correctClock: true, clockOffsetAcceptedMs: FAST + 10_000 } });
    test('pauses the correction until the user confirms the new offset', async ({ page, app }) => {
      const ja = look.language === 'ja';
      await unlock(page);
      const account = firstTotp(app);
      await expect(banner(page)).toContainText(
        ja
          ? 'タイムサーバーで測ったずれが −42.3 秒 に変わりました。'
          : "The time server's offset changed to −42.3 s. Codes follow this computer's clock until you confirm it.",
      );
      // Paused: codes follow this computer's clock.
      expect(await codeOf(page, account.id)).toBe(totpCode(account, app.clock.now()));
      await page.screenshot({
        path: shot(`clock/${look.language}-${look.theme}-banner-confirm`),
        animations: 'disabled',
      });
      const section = await openTimeSettings(page, ja ? '設定' : 'Settings');
      await expect(section.locator('.clock-correction-paused')).toContainText(
        ja ? '（承認済みは −32.3 秒）' : '(you confirmed −32.3 s)',
      );
      await section.screenshot({
        path: shot(`clock/${look.language}-${look.theme}-settings-confirm`),
        animations: 'disabled',
      });
      await section
        .getByRole('button', { name: ja ? '−42.3 秒 で補正' : 'Correct by −42.3 s' })
        .click();
      await expect(section.locator('.clock-correction')).toHaveText(
        ja ? 'コードを −42.3 秒 補正しています。' : 'Codes are corrected by −42.3 s.',
      );
      await section.screenshot({
        path: shot(`clock/${look.language}-${look.theme}-settings-applied`),
        animations: 'disabled',
      });
      expect(app.services.settings.get().clockOffsetAcceptedMs).toBe(
        app.services.clockCheck.status().offsetMs,
      );
      await page.keyboard.press('Escape');
      await expect(banner(page)).toHaveCount(0);
      const offset = app.services.clockCheck.status().offsetMs!;
      await expect
        .poll(() => codeOf(page, account.id))
        .toBe(totpCode(account, app.clock.now() + offset));
    });
  });
}

test.describe('a clock 5 s off', () => {
  test.use({ skewMs: -5_000 });
  test('does not warn, but settings show it', async ({ page, app }) => {
    await unlock(page);
    await expect.poll(() => app.services.clockCheck.status().offsetMs).not.toBeNull();
    await expect(banner(page)).toHaveCount(0);
    const section = await openTimeSettings(page);
    await expect(section.locator('.clock-offset')).toHaveText('Your clock is 5.0 s fast.');
  });
});
