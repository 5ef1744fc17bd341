// The SDK adapter (sdk-aws.ts) under the AWS use case, end to end: the real AWS SDK clients find
// their credentials and endpoint the SDK's own way (a config and credentials file, AWS_ENDPOINT_URL)
// and talk HTTP to the local IAM/STS endpoint (test/harness/aws-endpoint.ts), which checks
// signatures and MFA codes as AWS does; the vault is real. The endpoint and the use case share one
// manual clock, so every code is taken at a moment the test chose.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SAFE_PAIR_MS } from '../../shared/code-pair';
import { AuthdeskError } from '../../shared/errors';
import { createOtpEngine } from '../../shared/otp';
import {
  SESSION_CACHE_PURPOSE,
  SessionCacheFile,
  sessionCachePathFor,
} from '../../electron/aws/session-cache';
import { sdkAws } from '../../electron/aws/sdk-aws';
import { AwsMfa, localMfaVault } from '../../electron/use-cases/aws-mfa';
import { Vault } from '../../electron/vault/vault';
import { AwsTestEndpoint, TEST_ACCOUNT } from '../harness/aws-endpoint';
import { ManualTime } from '../harness/manual-timers';
import { PASSWORD, TINY_KDF, tempVaultFile } from '../harness/vault-fixtures';

const STEP = 30_000;
const savedEnv = { ...process.env };
let awsDir: string;
let endpoint: AwsTestEndpoint;
let vaultDir: string;
let vault: Vault;
let time: ManualTime;
let aws: AwsMfa;

beforeAll(async () => {
  awsDir = await mkdtemp(path.join(tmpdir(), 'authdesk-aws-sdk-'));
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
});

afterAll(async () => {
  process.env = savedEnv;
  await rm(awsDir, { recursive: true, force: true });
});

beforeEach(async () => {
  endpoint = await AwsTestEndpoint.start();
  const keys = endpoint.addUser('alice');
  // A config without a region (IAM and STS then use us-east-1) and alice's keys under "work".
  await writeFile(path.join(awsDir, 'config'), '[profile work]\noutput = json\n');
  await writeFile(
    path.join(awsDir, 'credentials'),
    `[work]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
  );
  Object.assign(process.env, {
    AWS_CONFIG_FILE: path.join(awsDir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(awsDir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL: endpoint.url,
  });
  // 10 s into the step around this machine's time (the endpoint checks signatures against it).
  time = new ManualTime(Math.floor(Date.now() / STEP) * STEP + 10_000);
  endpoint.clock = () => time.now();
  const temp = await tempVaultFile();
  vaultDir = temp.dir;
  vault = await Vault.create(temp.file, PASSWORD, { kdf: TINY_KDF });
  aws = makeAws();
});

afterEach(async () => {
  vault.lock();
  await endpoint.close();
  await rm(vaultDir, { recursive: true, force: true });
});

function makeAws(): AwsMfa {
  const cache = new SessionCacheFile({
    path: sessionCachePathFor(vault.path),
    key: vault.derivedKey(SESSION_CACHE_PURPOSE),
    clock: time,
  });
  return new AwsMfa({
    aws: sdkAws(),
    vault: localMfaVault({ vault, engine: createOtpEngine(), clock: time, timers: time, cache }),
    clock: time,
  });
}

/** Runs `work` to the end, moving the manual clock only while something waits on a timer. */
async function drive<T>(work: Promise<T>): Promise<T> {
  let settled = false;
  work.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    await new Promise((resolve) => setImmediate(resolve));
    if (time.pending > 0) time.advance(250);
  }
  return work;
}

async function failureOf(work: Promise<unknown>): Promise<AuthdeskError> {
  try {
    await drive(work);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthdeskError);
    return error as AuthdeskError;
  }
  throw new Error('expected a failure');
}

const serial = (name: string) => `arn:aws:iam::${TEST_ACCOUNT}:mfa/${name}`;

describe('the SDK adapter against the local IAM/STS endpoint', () => {
  it('registers a device: the seed AWS generated is in the vault, the device enabled for the user', async () => {
    const account = await drive(aws.register({ user: 'alice', profile: 'work' }));
    expect(account).toMatchObject({
      issuer: 'Amazon Web Services',
      label: `alice@${TEST_ACCOUNT}`,
      awsSerial: serial('alice'),
    });
    const device = endpoint.device(serial('alice'))!;
    expect(device.user).toBe('alice');
    expect(vault.get(account.id).secret).toBe(device.seed);
  });

  it('takes the pair in the next step when the current one ends in 2 s', async () => {
    time.advance(STEP - 10_000 - 2_000);
    const start = time.now();
    await drive(aws.register({ user: 'alice', profile: 'work' }));
    expect(time.now() - start).toBeGreaterThanOrEqual(2_000);
    expect(STEP - (time.now() % STEP)).toBeGreaterThanOrEqual(SAFE_PAIR_MS);
    expect(endpoint.device(serial('alice'))!.user).toBe('alice');
  });

  it('gets a session with a fresh code, and credential_process answers the second time from the cache', async () => {
    await drive(aws.register({ user: 'alice', profile: 'work' }));
    time.advance(2 * STEP); // the pair's codes are used
    const first = await drive(aws.credentialProcess({ profile: 'work' }));
    expect(first.Version).toBe(1);
    expect(endpoint.calls('GetSessionToken')).toBe(1);
    const issued = endpoint.sessionsIssued();
    expect(issued.map((s) => s.accessKeyId)).toEqual([first.AccessKeyId]);
    expect(issued[0]!.mfa).toBe(true);
    expect(Date.parse(first.Expiration)).toBe(Math.floor(time.now() / 1000) * 1000 + 43_200_000);
    const second = await drive(makeAws().credentialProcess({ profile: 'work' }));
    expect(second).toEqual(first);
    expect(endpoint.calls('GetSessionToken')).toBe(1);
  });

  it('resyncs with two new consecutive codes', async () => {
    await drive(aws.register({ user: 'alice', profile: 'work' }));
    time.advance(3 * STEP);
    await drive(aws.resync({ query: 'Amazon', profile: 'work' }));
    expect(endpoint.calls('GetCallerIdentity')).toBe(1);
    expect(endpoint.calls('ResyncMFADevice')).toBe(1);
  });

  it('says AWS_CLOCK_OFF, and by how much, when AWS is 95 s ahead of the codes', async () => {
    await drive(aws.register({ user: 'alice', profile: 'work' }));
    time.advance(2 * STEP);
    endpoint.clockOffsetMs = 95_000;
    const error = await failureOf(aws.session({ profile: 'work' }));
    expect(error.code).toBe('AWS_CLOCK_OFF');
    expect(error.message).toContain('1 min 35 s behind');
  });

  it('a refused pair: the device is deleted at AWS and no account is kept', async () => {
    endpoint.failNext('EnableMFADevice', {
      status: 403,
      code: 'InvalidAuthenticationCode',
      message: 'Authentication code for device is not valid.',
    });
    const error = await failureOf(aws.register({ user: 'alice', profile: 'work' }));
    expect(error.code).toBe('AWS_CODE_REJECTED');
    expect(error.message).toContain('Authentication code for device is not valid.');
    expect(endpoint.devices()).toEqual([]);
    expect(endpoint.calls('EnableMFADevice')).toBe(1);
    expect(vault.list()).toEqual([]);
  });

  it('a user that already has a device (the one-device rule): AWS_DEVICE_EXISTS, the new device deleted', async () => {
    endpoint.maxDevicesPerUser = 1;
    endpoint.addEnabledDevice('alice', 'old-phone');
    const error = await failureOf(
      aws.register({ user: 'alice', deviceName: 'authdesk', profile: 'work' }),
    );
    expect(error.code).toBe('AWS_DEVICE_EXISTS');
    expect(endpoint.devices().map((d) => d.name)).toEqual(['old-phone']);
    expect(vault.list()).toEqual([]);
  });

  it('throttled: AWS_THROTTLED, the call sent once, nothing created', async () => {
    endpoint.throttleNext(1);
    const error = await failureOf(aws.register({ user: 'alice', profile: 'work' }));
    expect(error.code).toBe('AWS_THROTTLED');
    expect(endpoint.calls('CreateVirtualMFADevice')).toBe(1);
    expect(endpoint.devices()).toEqual([]);
    expect(vault.list()).toEqual([]);
  });

  it('a profile without credentials: AWS_NO_CREDENTIALS naming it, nothing sent', async () => {
    const error = await failureOf(aws.register({ user: 'alice', profile: 'nobody' }));
    expect(error.code).toBe('AWS_NO_CREDENTIALS');
    expect(error.message).toContain('"nobody"');
    expect(endpoint.calls('CreateVirtualMFADevice')).toBe(0);
  });

  it('sees credentials configured after the first call (the app runs for days)', async () => {
    expect((await aws.awsIdentity('work')).userName).toBe('alice');
    const bob = endpoint.addUser('bob');
    await writeFile(
      path.join(awsDir, 'credentials'),
      `[work]\naws_access_key_id = ${bob.accessKeyId}\naws_secret_access_key = ${bob.secretAccessKey}\n`,
    );
    expect((await aws.awsIdentity('work')).userName).toBe('bob');
  });

  it("knows who the profile is (the window's user-name default)", async () => {
    expect(await aws.awsIdentity('work')).toEqual({
      account: TEST_ACCOUNT,
      arn: endpoint.userArn('alice'),
      userName: 'alice',
    });
  });
});
