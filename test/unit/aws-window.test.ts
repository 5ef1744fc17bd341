// The window's door to "Register with AWS": the argument schemas, what awsStatus makes of ~/.aws and
// the environment, and the handlers through dispatch on a real vault, with the real AWS SDK talking
// to the local IAM/STS endpoint (test/harness/aws-endpoint.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountInput, AccountMeta } from '../../shared/account';
import type { Method, MethodArgs, Result } from '../../shared/ipc';
import { methodArgs } from '../../shared/ipc';
import { dispatch } from '../../electron/ipc/dispatch';
import { composeServices, type Services } from '../../electron/composition';
import { sdkAws } from '../../electron/aws/sdk-aws';
import { awsWindowStatus } from '../../electron/use-cases/aws-window';
import { AwsTestEndpoint } from '../harness/aws-endpoint';
import { setAwsEnv } from '../harness/browser/aws-env';
import { TestClock } from '../harness/browser/ports';
import { testPorts } from '../harness/test-ports';

let dir: string;
let restoreEnv: () => void = () => {};

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-aws-window-'));
});

afterEach(async () => {
  restoreEnv();
  await rm(dir, { recursive: true, force: true });
});

/** Writes a config and a credentials file and makes them the process's (as ~/.aws would be). */
async function awsFiles(config: string, credentials: string, env: Record<string, string> = {}) {
  const files = {
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
  };
  await writeFile(files.AWS_CONFIG_FILE, config);
  await writeFile(files.AWS_SHARED_CREDENTIALS_FILE, credentials);
  restoreEnv = setAwsEnv(dir, { ...files, ...env });
}

const KEYS = 'aws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n';

describe('the argument schemas', () => {
  const ok = (method: 'awsIdentity' | 'awsEnableDevice', args: unknown) =>
    methodArgs[method].safeParse(args).success;

  it('takes an IAM user name as IAM does, and a profile name from the files', () => {
    expect(ok('awsEnableDevice', { id: 'a1', user: 'alice' })).toBe(true);
    expect(ok('awsEnableDevice', { id: 'a1', user: ' alice ', profile: 'prod-admin' })).toBe(true);
    expect(ok('awsEnableDevice', { id: 'a1', user: 'a+b=c,d.e@f_g-h', profile: 'sso:x/y' })).toBe(
      true,
    );
    expect(ok('awsIdentity', {})).toBe(true);
    expect(ok('awsIdentity', { profile: 'default' })).toBe(true);
  });

  it('refuses other names, other fields and missing ones', () => {
    for (const args of [
      { id: 'a1', user: '' },
      { id: 'a1', user: 'alice smith' },
      { id: 'a1', user: 'x'.repeat(65) },
      { id: 'a1', user: 'alice', profile: '' },
      { id: 'a1', user: 'alice', profile: 'a]b' },
      { id: 'a1', user: 'alice', profile: 'new\nline' },
      { id: 'a1', user: 'alice', profile: 'p'.repeat(129) },
      { id: '', user: 'alice' },
      { user: 'alice' },
      { id: 'a1', user: 'alice', serial: 'arn:aws:iam::123456789012:mfa/x' },
    ]) {
      expect(ok('awsEnableDevice', args), JSON.stringify(args)).toBe(false);
    }
    expect(ok('awsIdentity', { profile: 'a[b' })).toBe(false);
    expect(ok('awsIdentity', { profile: 'default', user: 'alice' })).toBe(false);
    expect(methodArgs.awsStatus.safeParse({}).success).toBe(false);
  });
});

describe('awsWindowStatus', () => {
  it('is not configured without files or environment keys', async () => {
    restoreEnv = setAwsEnv(dir);
    expect(await awsWindowStatus()).toEqual({
      configured: false,
      profiles: [],
      defaultProfile: null,
    });
  });

  it('offers only the profiles with credentials; a profile with a region only is not one', async () => {
    await awsFiles('[default]\nregion = eu-west-1\n[profile dev]\nregion = us-east-1\n', '');
    expect(await awsWindowStatus()).toMatchObject({ configured: false, profiles: [] });
    await awsFiles(
      '[profile dev]\nregion = us-east-1\n[profile ops]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = default\n',
      `[default]\n${KEYS}`,
    );
    expect(await awsWindowStatus()).toEqual({
      configured: true,
      profiles: ['default', 'ops'],
      defaultProfile: 'default',
    });
  });

  it('names AWS_PROFILE as the default when it has credentials, and the environment alone counts', async () => {
    await awsFiles('', `[default]\n${KEYS}\n[prod]\n${KEYS}`, { AWS_PROFILE: 'prod' });
    expect(await awsWindowStatus()).toMatchObject({ defaultProfile: 'prod' });
    await awsFiles('', `[default]\n${KEYS}`, { AWS_PROFILE: 'gone' });
    expect(await awsWindowStatus()).toMatchObject({ configured: true, defaultProfile: null });
    await awsFiles('', '', { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' });
    expect(await awsWindowStatus()).toEqual({
      configured: true,
      profiles: [],
      defaultProfile: null,
    });
  });
});

describe('the handlers, against the local endpoint', () => {
  let endpoint: AwsTestEndpoint;
  let services: Services;
  let clock: TestClock;

  async function call<M extends Method>(method: M, args?: MethodArgs[M]): Promise<Result<unknown>> {
    return dispatch(services.handlers, method, args);
  }

  beforeEach(async () => {
    endpoint = await AwsTestEndpoint.start();
    const key = endpoint.addUser('alice');
    await awsFiles(
      '[default]\nregion = us-east-1\n',
      `[default]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`,
      { AWS_ENDPOINT_URL: endpoint.url },
    );
    clock = new TestClock();
    // 1 s into the next step: the pair is taken at once, and the endpoint's clock is the same.
    clock.set(Math.floor(Date.now() / 30_000) * 30_000 + 31_000);
    endpoint.clockOffsetMs = clock.now() - Date.now();
    services = composeServices(testPorts({ vaultPath: path.join(dir, 'vault.json'), clock }));
    await services.vault.create('a long password');
  });

  afterEach(async () => {
    services.vault.lock('user');
    await endpoint.close();
  });

  async function addDeviceAccount(): Promise<{ account: AccountMeta; serial: string }> {
    const created = await sdkAws()().createVirtualMfaDevice('alice-laptop');
    const input: AccountInput = {
      issuer: 'Amazon Web Services',
      label: 'alice',
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      secret: created.seed,
      awsSerial: created.serial,
    };
    const result = await call('addAccount', { account: input });
    if (!result.ok) throw new Error(result.error.message);
    return { account: result.value as AccountMeta, serial: created.serial };
  }

  it('says what is configured and who the profile is', async () => {
    expect(await call('awsStatus')).toEqual({
      ok: true,
      value: { configured: true, profiles: ['default'], defaultProfile: 'default' },
    });
    expect(await call('awsIdentity', { profile: 'default' })).toEqual({
      ok: true,
      value: { account: endpoint.account, userName: 'alice' },
    });
  });

  it('enables the device with two consecutive codes and answers the account', async () => {
    const { account, serial } = await addDeviceAccount();
    const result = await call('awsEnableDevice', { id: account.id, user: 'alice' });
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ id: account.id, awsSerial: serial }),
    });
    expect(endpoint.device(serial)?.user).toBe('alice');
    expect(endpoint.calls('EnableMFADevice')).toBe(1);
  });

  it('answers typed errors: a rejected code, no ARN, an unknown account, an invalid user name', async () => {
    const { account, serial } = await addDeviceAccount();
    endpoint.failNext('EnableMFADevice', {
      status: 403,
      code: 'InvalidAuthenticationCode',
      message: 'Authentication code for device is not valid.',
    });
    const rejected = await call('awsEnableDevice', { id: account.id, user: 'alice' });
    expect(rejected).toMatchObject({ ok: false, error: { code: 'AWS_CODE_REJECTED' } });
    expect(endpoint.device(serial)?.user).toBeNull();

    const added = await call('addAccount', {
      account: {
        issuer: 'GitHub',
        label: 'alice',
        type: 'totp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        secret: 'JBSWY3DPEHPK3PXP',
      },
    });
    const github = (added as { value: AccountMeta }).value;
    expect(await call('awsEnableDevice', { id: github.id, user: 'alice' })).toMatchObject({
      ok: false,
      error: { code: 'AWS_NO_SERIAL' },
    });
    expect(await call('awsEnableDevice', { id: 'nope', user: 'alice' })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_NOT_FOUND' },
    });
    expect(await call('awsEnableDevice', { id: account.id, user: 'al ice' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(endpoint.calls('EnableMFADevice')).toBe(1);
  });
});
