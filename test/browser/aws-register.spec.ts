// "Register with AWS" in the registration helper: the real use case and the real AWS SDK, pointed by
// AWS_ENDPOINT_URL and a temporary ~/.aws at the local IAM/STS endpoint (test/harness/aws-endpoint.ts),
// which accepts only two consecutive codes of its own current window. Without credentials the helper
// is today's two-code panel. Each failure shows its own message, and nothing is changed by it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { AccountInput } from '../../shared/account';
import { sdkAws } from '../../electron/aws/sdk-aws';
import { AwsTestEndpoint } from '../harness/aws-endpoint';
import { checkAxe } from '../harness/browser/axe';
import { setAwsEnv } from '../harness/browser/aws-env';
import { test as base, expect, type AppHarness, type HarnessOptions } from '../harness/browser/app';
import { PASSWORD, SHOT_LOOKS, SAMPLE_ACCOUNTS, shot, stepStart, unlock } from './support';

const USER = 'alice';

interface AwsSetup {
  endpoint: AwsTestEndpoint;
  /** The virtual MFA device created on the endpoint (not enabled yet), as the console would leave it. */
  serial: string;
  /** The account holding the device's seed and ARN, as after scanning the console's QR code. */
  account: AccountInput;
  /** The AWS_* environment: the endpoint, a config and credentials file with USER's key. */
  env: Record<string, string>;
}

/** What a test changes in the AWS setup before the app starts. */
interface AwsOptions {
  /**
   * Credentials in the files (false: a config file with a region only; 'no-secret': an access key
   * without its secret, which looks configured but gives the SDK no credentials).
   */
  credentials: boolean | 'no-secret';
  /** More profiles beside "default", each with USER's key. */
  extraProfiles: string[];
  /** Point AWS_ENDPOINT_URL at a port nothing listens on. */
  unreachable: boolean;
}

/** Writes a ~/.aws for the endpoint and creates the device with the real SDK, as the console would. */
async function setUp(dir: string, options: AwsOptions): Promise<AwsSetup> {
  const endpoint = await AwsTestEndpoint.start();
  const key = endpoint.addUser(USER);
  const profiles = ['default', ...options.extraProfiles];
  const config = profiles
    .map((p) => `[${p === 'default' ? p : `profile ${p}`}]\nregion = us-east-1\n`)
    .join('\n');
  const credentials = profiles
    .map(
      (p) =>
        `[${p}]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`,
    )
    .join('\n');
  const env = {
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    AWS_ENDPOINT_URL: endpoint.url,
  };
  await writeFile(env.AWS_CONFIG_FILE, config);
  const written =
    options.credentials === 'no-secret'
      ? `[default]\naws_access_key_id = ${key.accessKeyId}\n`
      : options.credentials
        ? credentials
        : '';
  await writeFile(env.AWS_SHARED_CREDENTIALS_FILE, written);
  // The files above, with credentials, to create the device the account then holds.
  await writeFile(path.join(dir, 'setup-credentials'), credentials);
  const restore = setAwsEnv(dir, {
    ...env,
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'setup-credentials'),
  });
  let created;
  try {
    created = await sdkAws()().createVirtualMfaDevice(USER);
  } finally {
    restore();
  }
  if (options.unreachable) env.AWS_ENDPOINT_URL = await closedPortUrl();
  const account: AccountInput = {
    issuer: 'Amazon Web Services',
    label: `${USER}@${endpoint.account}`,
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: created.seed,
    awsSerial: created.serial,
  };
  return { endpoint, serial: created.serial, account, env };
}

/** An address on 127.0.0.1 that refuses connections: a port just released. */
async function closedPortUrl(): Promise<string> {
  const probe = await AwsTestEndpoint.start();
  const url = probe.url;
  await probe.close();
  return url;
}

/** 1 s into the step after the real time: main's and the endpoint's clocks then agree on steps. */
const soonCalm = () => stepStart(Date.now(), 31_000);

const test = base.extend<{
  awsOptions: AwsOptions;
  aws: AwsSetup;
  settings: HarnessOptions['settings'];
}>({
  awsOptions: [{ credentials: true, extraProfiles: [], unreachable: false }, { option: true }],
  settings: [{}, { option: true }],
  aws: async ({ awsOptions }, use) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-aws-'));
    const setup = await setUp(dir, awsOptions);
    await use(setup);
    await setup.endpoint.close();
    await rm(dir, { recursive: true, force: true });
  },
  harness: async ({ aws, settings }, use) => {
    await use({
      now: soonCalm(),
      settings,
      vault: { password: PASSWORD, accounts: [aws.account, SAMPLE_ACCOUNTS[2]!] },
      awsEnv: aws.env,
    });
  },
});

/** The endpoint's clock runs with main's (the harness's TestClock), as AWS's runs with true time. */
function alignClocks(app: AppHarness, endpoint: AwsTestEndpoint, extraMs = 0): void {
  endpoint.clockOffsetMs = app.clock.now() - Date.now() + extraMs;
}

async function openHelper(page: Page, app: AppHarness, setup: AwsSetup) {
  await unlock(page);
  const account = app.services.vault.list().find((a) => a.awsSerial === setup.serial)!;
  await page
    .locator(`[data-row-id="${account.id}"]`)
    .getByRole('button', { name: /More actions/ })
    .click();
  await page.getByRole('menuitem', { name: 'AWS registration helper' }).click();
  const dialog = page.getByRole('dialog', { name: 'Register an MFA device' });
  await expect(dialog).toBeVisible();
  return { dialog, account };
}

const registerSection = (page: Page) => page.getByRole('region', { name: 'Register with AWS' });

test('registers the device with AWS: waits for a safe moment, then AWS enables it', async ({
  page,
  app,
  aws,
}) => {
  alignClocks(app, aws.endpoint);
  const { dialog, account } = await openHelper(page, app, aws);
  const section = registerSection(page);
  await expect(section).toBeVisible();
  await expect(section.getByText(aws.serial)).toBeVisible();
  // The caller is the IAM user alice: her name is the default (GetCallerIdentity), and has the keyboard.
  const user = section.getByLabel('IAM user name');
  await expect(user).toHaveValue(USER);
  await expect(user).toBeFocused();
  await expect(section.getByText('Uses the AWS profile “default”.')).toBeVisible();
  // The two-code panel stays below, for entering the codes by hand.
  await expect(dialog.getByText('Or enter the codes yourself')).toBeVisible();

  // 4.5 s before the step ends: the pair would reach AWS late, so main waits for the next step.
  const stepEnd = stepStart(app.clock.now(), 30_000);
  app.setTime(stepEnd - 4_500);
  alignClocks(app, aws.endpoint);
  await expect(dialog.getByText('Fewer than 5 seconds left.')).toBeVisible();
  await user.press('Enter');
  await expect(section.getByText('Waiting for a safe moment…')).toBeVisible();
  await expect(section.getByText('AWS accepted the codes. The device is registered.')).toBeVisible({
    timeout: 15_000,
  });
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
  // Nothing is left to enter by hand.
  await expect(dialog.getByText('Or enter the codes yourself')).toHaveCount(0);
  await expect(dialog.locator('.aws-code')).toHaveCount(0);

  const device = aws.endpoint.device(aws.serial)!;
  expect(device.user).toBe(USER);
  expect(aws.endpoint.calls('EnableMFADevice')).toBe(1);
  // The codes AWS accepted were those of the step after the wait: its last accepted step is the next one.
  expect(device.lastStep).toBe(stepEnd / 30_000 + 1);
  expect(app.services.vault.list().find((a) => a.id === account.id)?.awsSerial).toBe(aws.serial);
});

test('codes AWS rejects: says so, and a second try registers', async ({ page, app, aws }) => {
  alignClocks(app, aws.endpoint);
  aws.endpoint.failNext('EnableMFADevice', {
    status: 403,
    code: 'InvalidAuthenticationCode',
    message: 'Authentication code for device is not valid.',
  });
  await openHelper(page, app, aws);
  const section = registerSection(page);
  await expect(section.getByLabel('IAM user name')).toHaveValue(USER);
  await section.getByRole('button', { name: 'Register with AWS' }).click();
  await expect(section.getByRole('alert')).toContainText('AWS did not accept the MFA codes.');
  expect(aws.endpoint.device(aws.serial)!.user).toBeNull();

  // The next step's codes: AWS refuses codes it has seen, so the try waits for new ones.
  app.setTime(stepStart(app.clock.now(), 30_000) + 1_000);
  alignClocks(app, aws.endpoint);
  await section.getByRole('button', { name: 'Try again' }).click();
  await expect(
    section.getByText('AWS accepted the codes. The device is registered.'),
  ).toBeVisible();
  expect(aws.endpoint.device(aws.serial)!.user).toBe(USER);
});

test('a clock off by minutes: says so and offers the clock check in Settings', async ({
  page,
  app,
  aws,
}) => {
  // AWS's clock is 2 minutes ahead of this computer's: the codes are of a step AWS left behind.
  alignClocks(app, aws.endpoint, 120_000);
  await openHelper(page, app, aws);
  const section = registerSection(page);
  await expect(section.getByLabel('IAM user name')).toHaveValue(USER);
  await section.getByRole('button', { name: 'Register with AWS' }).click();
  const alert = section.getByRole('alert');
  await expect(alert).toContainText("This computer's clock differs from AWS's");
  expect(aws.endpoint.device(aws.serial)!.user).toBeNull();
  await alert.getByRole('button', { name: 'Check the clock in Settings' }).click();
  // Settings opens with the keyboard on the clock check, scrolled to it.
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByRole('button', { name: 'Check now' })).toBeFocused();
  await expect(settings.getByRole('button', { name: 'Check now' })).toBeInViewport();
});

test('a user name IAM refuses is explained as it is typed; an unknown user is what AWS answered', async ({
  page,
  app,
  aws,
}) => {
  alignClocks(app, aws.endpoint);
  await openHelper(page, app, aws);
  const section = registerSection(page);
  const user = section.getByLabel('IAM user name');
  await expect(user).toHaveValue(USER);
  await user.fill('alice smith');
  await expect(section.getByText('An IAM user name has 1 to 64 letters')).toBeVisible();
  await expect(user).toHaveAttribute('aria-invalid', 'true');
  await user.fill('');
  await user.press('Enter');
  await expect(section.getByText('Enter the IAM user name.')).toBeVisible();
  expect(aws.endpoint.calls('EnableMFADevice')).toBe(0);

  await user.fill('bob');
  await user.press('Enter');
  const alert = section.getByRole('alert');
  await expect(alert).toContainText('AWS refused the request. Nothing was changed.');
  await expect(alert).toContainText('Details:');
  await expect(alert.locator('[lang="en"]')).toContainText(
    'The user with name bob cannot be found.',
  );
  expect(aws.endpoint.device(aws.serial)!.user).toBeNull();
});

test('a device AWS already enabled, and throttling: each its own message', async ({
  page,
  app,
  aws,
}) => {
  alignClocks(app, aws.endpoint);
  aws.endpoint.throttleNext(10);
  await openHelper(page, app, aws);
  const section = registerSection(page);
  await section.getByLabel('IAM user name').fill(USER);
  await section.getByRole('button', { name: 'Register with AWS' }).click();
  await expect(section.getByRole('alert')).toContainText('AWS is limiting requests right now.');

  aws.endpoint.throttleNext(0);
  aws.endpoint.addEnabledDevice(USER, 'old-phone');
  aws.endpoint.maxDevicesPerUser = 1;
  await section.getByRole('button', { name: 'Try again' }).click();
  await expect(section.getByRole('alert')).toContainText('This IAM user already has an MFA device');
  expect(aws.endpoint.device(aws.serial)!.user).toBeNull();
});

test.describe('AWS cannot be reached', () => {
  test.use({ awsOptions: { credentials: true, extraProfiles: [], unreachable: true } });
  test('says so, and the name is for the user to type', async ({ page, app, aws }) => {
    await openHelper(page, app, aws);
    const section = registerSection(page);
    const user = section.getByLabel('IAM user name');
    await expect(user).toBeFocused();
    await user.fill(USER);
    await user.press('Enter');
    await expect(section.getByRole('alert')).toContainText('AWS could not be reached.');
    expect(aws.endpoint.calls('EnableMFADevice')).toBe(0);
  });
});

test.describe('no AWS credentials', () => {
  test.use({ awsOptions: { credentials: false, extraProfiles: [], unreachable: false } });
  test('the helper is the two-code panel, as before', async ({ page, app, aws }) => {
    const { dialog } = await openHelper(page, app, aws);
    await expect(dialog.locator('.aws-code')).toHaveCount(2);
    // Main has answered that nothing is configured; then the section would have been drawn.
    await expect.poll(() => app.sent.some((s) => s.name === 'awsStatus')).toBe(true);
    await app.settle();
    await expect(registerSection(page)).toHaveCount(0);
    await expect(dialog.getByText('Or enter the codes yourself')).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Copy MFA code 1' })).toBeFocused();
  });
});

test.describe('a profile whose credentials are incomplete', () => {
  test.use({ awsOptions: { credentials: 'no-secret', extraProfiles: [], unreachable: false } });
  test('the section shows, and registering says there are no credentials', async ({
    page,
    app,
    aws,
  }) => {
    await openHelper(page, app, aws);
    const section = registerSection(page);
    const user = section.getByLabel('IAM user name');
    await expect(user).toBeFocused();
    await user.fill(USER);
    await user.press('Enter');
    await expect(section.getByRole('alert')).toContainText(
      'No AWS credentials were found for this profile.',
    );
    expect(aws.endpoint.calls('EnableMFADevice')).toBe(0);
  });
});

test.describe('an account without an ARN', () => {
  test('the helper is the two-code panel, and main is not asked about AWS', async ({
    page,
    app,
  }) => {
    await unlock(page);
    const github = app.services.vault.list().find((a) => a.awsSerial === undefined)!;
    await page
      .locator(`[data-row-id="${github.id}"]`)
      .getByRole('button', { name: /More actions/ })
      .click();
    await page.getByRole('menuitem', { name: 'AWS registration helper' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register an MFA device' });
    await expect(dialog.locator('.aws-code')).toHaveCount(2);
    await expect(registerSection(page)).toHaveCount(0);
    expect(app.sent.some((s) => s.name === 'awsStatus')).toBe(false);
  });
});

test.describe('several profiles', () => {
  test.use({ awsOptions: { credentials: true, extraProfiles: ['prod'], unreachable: false } });
  test('the profile is chosen in the section and used', async ({ page, app, aws }) => {
    alignClocks(app, aws.endpoint);
    await openHelper(page, app, aws);
    const section = registerSection(page);
    const profile = section.getByLabel('AWS profile');
    await expect(profile).toHaveValue('default');
    await profile.selectOption('prod');
    await expect(section.getByLabel('IAM user name')).toHaveValue(USER);
    await section.getByRole('button', { name: 'Register with AWS' }).click();
    await expect(
      section.getByText('AWS accepted the codes. The device is registered.'),
    ).toBeVisible();
    expect(aws.endpoint.device(aws.serial)!.user).toBe(USER);
  });
});

test('the helper with the section passes axe in English and Japanese, light and dark', async ({
  page,
  app,
  aws,
}) => {
  alignClocks(app, aws.endpoint);
  await openHelper(page, app, aws);
  const section = registerSection(page);
  await expect(section.getByLabel('IAM user name')).toHaveValue(USER);
  aws.endpoint.failNext('EnableMFADevice', {
    status: 403,
    code: 'AccessDenied',
    message: 'User alice is not authorized to perform: iam:EnableMFADevice',
  });
  await section.getByRole('button', { name: 'Register with AWS' }).click();
  await expect(section.getByRole('alert')).toBeVisible();
  const failing: string[] = [];
  for (const language of ['en', 'ja'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      await app.services.settings.change({ language, theme });
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      const result = await checkAxe(page, 'dialog[open]');
      for (const v of result.violations) {
        // The bar of a11y.spec.ts: no critical, serious or moderate finding (none is accepted there).
        if (v.impact === 'critical' || v.impact === 'serious' || v.impact === 'moderate') {
          failing.push(`${language}/${theme} ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
        }
      }
    }
  }
  expect(failing).toEqual([]);
});

// Screenshots of the helper with the section (ready, running, done, failed), for a human to look at.
for (const combo of SHOT_LOOKS) {
  const tag = `${combo.lang}-${combo.theme}-${combo.width}x${combo.height}`;
  test.describe(`screenshots ${tag}`, () => {
    test.use({
      viewport: { width: combo.width, height: combo.height },
      settings: { language: combo.lang, theme: combo.theme },
    });
    test('register with AWS', async ({ page, app, aws }) => {
      const snap = (name: string) =>
        page.screenshot({ path: shot(`${tag}/aws-register-${name}`), animations: 'disabled' });
      alignClocks(app, aws.endpoint);
      // By place, not by name: the names are Japanese in half the looks.
      await unlock(page);
      await page.locator('.row-menu').first().click();
      await page.getByRole('menu').getByRole('menuitem').nth(1).click();
      const section = page.locator('dialog[open] .aws-register');
      await expect(section.locator('input[name="iamUser"]')).toHaveValue(USER);
      await snap('01-ready');
      aws.endpoint.failNext('EnableMFADevice', {
        status: 403,
        code: 'AccessDenied',
        message:
          'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:EnableMFADevice',
      });
      await section.locator('button[type="submit"]').click();
      await expect(section.getByRole('alert')).toBeVisible();
      await section.getByRole('alert').scrollIntoViewIfNeeded();
      await snap('02-refused');
      await section.locator('button[type="submit"]').click();
      await expect(section.locator('.callout-success')).toBeVisible();
      await snap('03-registered');
    });
  });
}
