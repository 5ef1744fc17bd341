// The local IAM/STS endpoint the AWS tests use, driven by the real AWS SDK clients: what it answers,
// what it refuses (codes, signatures, keys, expired sessions) and its test hooks. If it drifted from
// AWS's documented shapes, the SDK would fail to parse it here.
import {
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  ListMFADevicesCommand,
  ResyncMFADeviceCommand,
} from '@aws-sdk/client-iam';
import {
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
  type Credentials,
} from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeQrFromBytes } from '../../electron/qr/decode';
import { parseOtpauthUri } from '../../shared/otpauth';
import { AwsTestEndpoint, TEST_ACCOUNT, type AwsKeys } from '../harness/aws-endpoint';

const STEP = 30_000;
let endpoint: AwsTestEndpoint;
let alice: AwsKeys;

beforeEach(async () => {
  endpoint = await AwsTestEndpoint.start();
  alice = endpoint.addUser('alice');
});
afterEach(async () => {
  await endpoint.close();
});

function iam(keys: AwsKeys = alice): IAMClient {
  return new IAMClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: keys,
    maxAttempts: 1,
  });
}
function sts(credentials: AwsKeys & { sessionToken?: string } = alice): STSClient {
  return new STSClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });
}

/** The AWS error a call failed with: AWS's Code, its message and the HTTP status. */
async function awsError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => expect.fail('expected AWS to refuse'),
    (e: unknown) => e as Error & { Code?: string; $metadata?: { httpStatusCode?: number } },
  );
  // The SDK names modelled errors "…Exception"; Code is what AWS's XML said.
  return {
    code: error.Code ?? error.name,
    message: error.message,
    status: error.$metadata?.httpStatusCode,
  };
}

/** Creates a device as the SDK sees it, with its seed decoded from the blob. */
async function createDevice(name = 'alice') {
  const answer = await iam().send(
    new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }),
  );
  const device = answer.VirtualMFADevice!;
  return {
    serial: device.SerialNumber!,
    seed: new TextDecoder().decode(device.Base32StringSeed),
    png: device.QRCodePNG!,
  };
}

/** Codes of the step of `atMs` and the one after it, on the endpoint's clock. */
function pairAt(seed: string, atMs = endpoint.now()) {
  return {
    AuthenticationCode1: endpoint.codeAt(seed, atMs),
    AuthenticationCode2: endpoint.codeAt(seed, atMs + STEP),
  };
}

describe('virtual MFA devices (IAM)', () => {
  it('creates a device whose seed the SDK decodes to 64 Base32 characters and whose PNG is a real QR code of it', async () => {
    const { serial, seed, png } = await createDevice();
    expect(serial).toBe(`arn:aws:iam::${TEST_ACCOUNT}:mfa/alice`);
    expect(seed).toMatch(/^[A-Z2-7]{64}$/u);
    expect(endpoint.device(serial)).toMatchObject({ seed, user: null });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [uri] = await decodeQrFromBytes(png);
    const account = parseOtpauthUri(uri!);
    expect(account).toMatchObject({
      issuer: 'Amazon Web Services',
      label: `alice@${TEST_ACCOUNT}`,
      secret: seed,
    });
  });

  it('enables a device with two consecutive codes and lists it for the user', async () => {
    const { serial, seed } = await createDevice();
    await iam().send(
      new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, ...pairAt(seed) }),
    );
    expect(endpoint.device(serial)?.user).toBe('alice');
    const listed = await iam().send(new ListMFADevicesCommand({ UserName: 'alice' }));
    expect(listed.MFADevices?.map((d) => d.SerialNumber)).toEqual([serial]);
  });

  it('refuses codes that are not two consecutive codes of the current window, and used codes', async () => {
    const { serial, seed } = await createDevice();
    const enable = (codes: ReturnType<typeof pairAt>) =>
      awsError(
        iam().send(
          new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, ...codes }),
        ),
      );
    const now = Math.floor(Date.now() / STEP) * STEP + 10_000;
    endpoint.clock = () => now; // a step boundary between two requests must not change the answer
    const refused = {
      code: 'InvalidAuthenticationCode',
      message: 'Authentication code for device is not valid.',
      status: 403,
    };
    // The same code twice, codes two steps old, codes of the future, the pair swapped, a wrong code.
    const current = endpoint.codeAt(seed, now);
    expect(await enable({ AuthenticationCode1: current, AuthenticationCode2: current })).toEqual(
      refused,
    );
    expect(await enable(pairAt(seed, now - 3 * STEP))).toEqual(refused);
    expect(await enable(pairAt(seed, now + 2 * STEP))).toEqual(refused);
    const pair = pairAt(seed, now);
    expect(
      await enable({
        AuthenticationCode1: pair.AuthenticationCode2,
        AuthenticationCode2: pair.AuthenticationCode1,
      }),
    ).toEqual(refused);
    expect(
      await enable({
        ...pair,
        AuthenticationCode2: String((Number(pair.AuthenticationCode2) + 1) % 1e6).padStart(6, '0'),
      }),
    ).toEqual(refused);
    expect(endpoint.device(serial)?.user).toBeNull();

    // The previous step's pair is still accepted (±1 step), and once used, never again.
    await iam().send(
      new EnableMFADeviceCommand({
        UserName: 'alice',
        SerialNumber: serial,
        ...pairAt(seed, now - STEP),
      }),
    );
    const again = await awsError(
      iam().send(
        new ResyncMFADeviceCommand({
          UserName: 'alice',
          SerialNumber: serial,
          ...pairAt(seed, now - STEP),
        }),
      ),
    );
    expect(again).toEqual(refused);
  });

  it('resyncs an enabled device with two fresh consecutive codes', async () => {
    const device = endpoint.addEnabledDevice('alice');
    const now = Date.now();
    endpoint.clock = () => now;
    endpoint.clockOffsetMs = 2 * STEP; // two steps later on AWS's clock: fresh codes, no waiting
    await iam().send(
      new ResyncMFADeviceCommand({
        UserName: 'alice',
        SerialNumber: device.serial,
        ...pairAt(device.seed),
      }),
    );
    expect(endpoint.calls('ResyncMFADevice')).toBe(1);
    expect(endpoint.device(device.serial)!.lastStep).toBe(Math.floor(endpoint.now() / STEP) + 1);
  });

  it('answers EntityAlreadyExists, LimitExceeded, NoSuchEntity and DeleteConflict as AWS does', async () => {
    const { serial, seed } = await createDevice('shared-name');
    expect(
      await awsError(
        iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'shared-name' })),
      ),
    ).toEqual({
      code: 'EntityAlreadyExists',
      message: 'MFADevice entity at the same path and name already exists.',
      status: 409,
    });
    expect(
      await awsError(
        iam().send(
          new EnableMFADeviceCommand({ UserName: 'bob', SerialNumber: serial, ...pairAt(seed) }),
        ),
      ),
    ).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The user with name bob cannot be found.',
    });

    endpoint.maxDevicesPerUser = 1;
    endpoint.addEnabledDevice('alice', 'older');
    expect(
      await awsError(
        iam().send(
          new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, ...pairAt(seed) }),
        ),
      ),
    ).toMatchObject({ code: 'LimitExceeded', status: 409 });

    const enabled = endpoint.devices().find((d) => d.name === 'older')!;
    expect(
      await awsError(
        iam().send(new DeleteVirtualMFADeviceCommand({ SerialNumber: enabled.serial })),
      ),
    ).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
    });
    await iam().send(
      new DeactivateMFADeviceCommand({ UserName: 'alice', SerialNumber: enabled.serial }),
    );
    await iam().send(new DeleteVirtualMFADeviceCommand({ SerialNumber: enabled.serial }));
    await iam().send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    expect(endpoint.devices()).toEqual([]);
  });
});

describe('sessions (STS)', () => {
  async function session(
    serial: string,
    code: string,
    DurationSeconds?: number,
  ): Promise<Credentials> {
    const answer = await sts().send(
      new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code, DurationSeconds }),
    );
    return answer.Credentials!;
  }
  const keysOf = (c: Credentials) => ({
    accessKeyId: c.AccessKeyId!,
    secretAccessKey: c.SecretAccessKey!,
    sessionToken: c.SessionToken!,
  });

  it('issues session credentials for a valid code that GetCallerIdentity accepts as the user', async () => {
    const device = endpoint.addEnabledDevice('alice');
    const credentials = await session(device.serial, endpoint.codeAt(device.seed), 3600);
    expect(credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/u);
    const expiresIn = credentials.Expiration!.getTime() - endpoint.now();
    expect(expiresIn).toBeGreaterThan(3600_000 - 2_000);
    expect(expiresIn).toBeLessThanOrEqual(3600_000);

    const identity = await sts(keysOf(credentials)).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({
      Account: TEST_ACCOUNT,
      Arn: `arn:aws:iam::${TEST_ACCOUNT}:user/alice`,
    });
    const withLongTermKey = await sts().send(new GetCallerIdentityCommand({}));
    expect(withLongTermKey.UserId).toBe(identity.UserId);
  });

  it('refuses a wrong code, a used code, a code of another device and a bad duration', async () => {
    const device = endpoint.addEnabledDevice('alice');
    const code = endpoint.codeAt(device.seed);
    const wrong = String((Number(code) + 1) % 1e6).padStart(6, '0');
    expect(await awsError(session(device.serial, wrong))).toEqual({
      code: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
      status: 403,
    });
    await session(device.serial, code);
    expect(await awsError(session(device.serial, code))).toMatchObject({
      code: 'AccessDenied',
      status: 403,
    });

    endpoint.addUser('bob');
    const bobs = endpoint.addEnabledDevice('bob');
    expect(await awsError(session(bobs.serial, endpoint.codeAt(bobs.seed)))).toMatchObject({
      code: 'AccessDenied',
    });
    expect(await awsError(session(device.serial, code, 60))).toMatchObject({
      code: 'ValidationError',
      status: 400,
    });
  });

  it('refuses expired sessions, unknown keys, a wrong secret, a missing session token and unsigned requests', async () => {
    const device = endpoint.addEnabledDevice('alice');
    const credentials = keysOf(await session(device.serial, endpoint.codeAt(device.seed), 900));

    expect(
      await awsError(
        sts({ ...credentials, sessionToken: 'forged' }).send(new GetCallerIdentityCommand({})),
      ),
    ).toMatchObject({
      code: 'InvalidClientTokenId',
      status: 403,
    });
    const withoutToken = {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
    };
    expect(await awsError(sts(withoutToken).send(new GetCallerIdentityCommand({})))).toMatchObject({
      code: 'InvalidClientTokenId',
    });
    expect(
      await awsError(
        sts({ accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' }).send(
          new GetCallerIdentityCommand({}),
        ),
      ),
    ).toMatchObject({ code: 'InvalidClientTokenId', status: 403 });
    expect(
      await awsError(
        sts({ ...alice, secretAccessKey: `${alice.secretAccessKey}x` }).send(
          new GetCallerIdentityCommand({}),
        ),
      ),
    ).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });

    // The session's 900 s are over on AWS's clock (the client signs on that clock, as the SDK does
    // once AWS's Date header has told it how far off it is).
    endpoint.clockOffsetMs = 901_000;
    const later = new STSClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
      systemClockOffset: 901_000,
    });
    expect(await awsError(later.send(new GetCallerIdentityCommand({})))).toMatchObject({
      code: 'ExpiredToken',
      status: 400,
    });

    const unsigned = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain('<Code>MissingAuthenticationToken</Code>');
    // The Date header is the endpoint's clock, as AWS's is AWS's.
    const served = Date.parse(unsigned.headers.get('date')!);
    expect(served - Date.now()).toBeGreaterThan(900_000 - 2_000);
  });

  it('reaches the endpoint through AWS_ENDPOINT_URL, with no endpoint option', async () => {
    const before = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = endpoint.url;
    try {
      const client = new STSClient({ region: 'us-east-1', credentials: alice });
      const identity = await client.send(new GetCallerIdentityCommand({}));
      expect(identity.Arn).toBe(endpoint.userArn('alice'));
    } finally {
      if (before === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = before;
    }
  });
});

describe('test hooks', () => {
  it('throttles the next calls (the SDK retries them) and counts every attempt', async () => {
    endpoint.throttleNext(2);
    const retrying = new STSClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: alice,
      maxAttempts: 3,
    });
    await retrying.send(new GetCallerIdentityCommand({}));
    expect(endpoint.calls('GetCallerIdentity')).toBe(3);

    endpoint.throttleNext(1);
    expect(await awsError(sts().send(new GetCallerIdentityCommand({})))).toEqual({
      code: 'Throttling',
      message: 'Rate exceeded',
      status: 400,
    });
    expect(endpoint.calls('GetCallerIdentity')).toBe(4);
  });

  it('fails the next EnableMFADevice with AccessDenied, or with the answer given, once', async () => {
    const { serial, seed } = await createDevice();
    endpoint.failNext('EnableMFADevice');
    expect(
      await awsError(
        iam().send(
          new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, ...pairAt(seed) }),
        ),
      ),
    ).toMatchObject({
      code: 'AccessDenied',
      status: 403,
      message: expect.stringContaining('iam:EnableMFADevice'),
    });
    endpoint.failNext('EnableMFADevice', {
      status: 409,
      code: 'EntityAlreadyExists',
      message: 'MFA Device is already in use.',
    });
    expect(
      await awsError(
        iam().send(
          new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, ...pairAt(seed) }),
        ),
      ),
    ).toMatchObject({ code: 'EntityAlreadyExists', status: 409 });
    await iam().send(
      new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, ...pairAt(seed) }),
    );
    expect(endpoint.calls('EnableMFADevice')).toBe(3);
    expect(endpoint.device(serial)?.user).toBe('alice');
  });

  it('denies an action a user is not allowed', async () => {
    endpoint.deny('alice', 'CreateVirtualMFADevice');
    expect(await awsError(createDevice())).toMatchObject({
      code: 'AccessDenied',
      message: expect.stringContaining(
        `User: arn:aws:iam::${TEST_ACCOUNT}:user/alice is not authorized`,
      ),
    });
    expect(endpoint.devices()).toEqual([]);
  });
});
