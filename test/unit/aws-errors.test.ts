// What the real AWS SDK throws, as Authdesk's errors: the SDK's IAM and STS clients (sdk-aws.ts) talk
// over HTTP to a stub on 127.0.0.1 that answers with AWS's own error documents (Query protocol XML),
// so the shapes mapped are the ones the SDK really produces: codes, Date header, network failures, a
// profile without credentials. Pure cases of the mapping (clock verdict, offsets) run without a server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsError } from '../../electron/aws/aws-errors';
import { clockVerdict, describeOffset, toAwsError } from '../../electron/aws/aws-errors';
import { sdkAws } from '../../electron/aws/sdk-aws';
import type { AwsPort } from '../../electron/aws/aws-port';
import { AuthdeskError } from '../../shared/errors';

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

interface Answer {
  status: number;
  code: string;
  message: string;
  date?: string;
  /** A successful answer's document, per action, instead of the error. */
  ok?: Record<string, string>;
}

/** The answer the stub gives to every request until changed, and what it received. */
let answer: Answer;
const received: string[] = [];
let server: Server;
let dir: string;
let url: string;
const savedEnv = { ...process.env };

function errorDocument(ns: string, a: Answer): string {
  return (
    `<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${a.code}</Code>` +
    `<Message>${a.message}</Message></Error><RequestId>4f1e7c1a-0000-4000-8000-000000000000</RequestId></ErrorResponse>`
  );
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push(new URLSearchParams(body).get('Action') ?? '');
      const sts = body.includes('Version=2011-06-15');
      const action = received.at(-1)!;
      const ok = answer.ok?.[action];
      res.writeHead(ok === undefined ? answer.status : 200, {
        'content-type': 'text/xml',
        date: answer.date ?? new Date().toUTCString(),
      });
      res.end(ok ?? errorDocument(sts ? STS_NS : IAM_NS, answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(path.join(tmpdir(), 'authdesk-aws-errors-'));
  // Only what this test writes: no ~/.aws, no instance metadata, the stub as the endpoint.
  const config = path.join(dir, 'config');
  const credentials = path.join(dir, 'credentials');
  await writeFile(config, '[default]\nregion = eu-west-1\n[profile empty]\nregion = eu-west-1\n');
  await writeFile(
    credentials,
    '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
  );
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL: url,
  });
});

afterAll(async () => {
  process.env = savedEnv;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

async function failure(call: (port: AwsPort) => Promise<unknown>, profile?: string) {
  const port = sdkAws()(profile);
  try {
    await call(port);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthdeskError);
    return error as AwsError;
  }
  throw new Error('expected the call to fail');
}

const enable = (port: AwsPort) =>
  port.enableMfaDevice('alice', 'arn:aws:iam::123456789012:mfa/alice', '123456', '654321');

describe('real SDK errors over HTTP', () => {
  it("maps IAM's InvalidAuthenticationCode to AWS_CODE_REJECTED, quoting AWS, and sends the codes once", async () => {
    answer = {
      status: 403,
      code: 'InvalidAuthenticationCode',
      message: 'Authentication code for device is not valid.',
    };
    received.length = 0;
    const error = await failure(enable);
    expect(error.code).toBe('AWS_CODE_REJECTED');
    expect(error.message).toContain('Authentication code for device is not valid.');
    expect(error.message).toContain('wait for new codes');
    expect(error.message).not.toMatch(/123456|654321/);
    expect(received).toEqual(['EnableMFADevice']);
  });

  it("maps STS's AccessDenied for an MFA code to AWS_CODE_REJECTED", async () => {
    answer = {
      status: 403,
      code: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
    };
    const error = await failure((port) =>
      port.getSessionToken('arn:aws:iam::123456789012:mfa/alice', '123456'),
    );
    expect(error.code).toBe('AWS_CODE_REJECTED');
    expect(error.awsCode).toBe('AccessDenied');
  });

  it("keeps AWS's Date header, so a refused code from a clock 2 minutes off is AWS_CLOCK_OFF", async () => {
    const aws = Date.UTC(2026, 11, 2, 3, 0, 0);
    answer = {
      status: 403,
      code: 'InvalidAuthenticationCode',
      message: 'Authentication code for device is not valid.',
      date: new Date(aws).toUTCString(),
    };
    const error = await failure(enable);
    expect(error.serverTimeMs).toBe(aws);
    const ours = aws - 125_000; // this computer is 2 min 5 s behind AWS
    const judged = clockVerdict(error, ours, 30) as AwsError;
    expect(judged.code).toBe('AWS_CLOCK_OFF');
    expect(judged.message).toContain('2 min 5 s behind');
    expect(judged.message).toContain('Settings › Time');
    // Within a step, the codes were simply wrong.
    expect((clockVerdict(error, aws - 20_000, 30) as AwsError).code).toBe('AWS_CODE_REJECTED');
  });

  it('maps EntityAlreadyExists and LimitExceeded on devices to AWS_DEVICE_EXISTS', async () => {
    answer = {
      status: 409,
      code: 'EntityAlreadyExists',
      message: 'MFADevice entity at the same path and name already exists.',
    };
    const create = await failure((port) => port.createVirtualMfaDevice('alice'));
    expect(create.code).toBe('AWS_DEVICE_EXISTS');
    expect(create.message).toContain('--device-name');
    answer = {
      status: 409,
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for UsersPerMFADevice.',
    };
    expect((await failure(enable)).code).toBe('AWS_DEVICE_EXISTS');
  });

  it('maps Throttling to AWS_THROTTLED, and never retries a call that carries codes', async () => {
    answer = { status: 400, code: 'Throttling', message: 'Rate exceeded' };
    received.length = 0;
    const error = await failure(enable);
    expect(error.code).toBe('AWS_THROTTLED');
    answer = { status: 500, code: 'ServiceUnavailable', message: 'Try again' };
    await failure((port) => port.resyncMfaDevice('alice', 'arn:aws:iam::1:mfa/alice', '1', '2'));
    await failure((port) => port.getSessionToken('arn:aws:iam::1:mfa/alice', '123456'));
    expect(received).toEqual(['EnableMFADevice', 'ResyncMFADevice', 'GetSessionToken']);
  });

  it('maps any other AWS error to AWS_REFUSED with its code and message, naming the profile', async () => {
    answer = {
      status: 404,
      code: 'NoSuchEntity',
      message: 'The user with name alice cannot be found.',
    };
    const error = await failure(enable);
    expect(error.code).toBe('AWS_REFUSED');
    expect(error.message).toContain('NoSuchEntity');
    expect(error.message).toContain('The user with name alice cannot be found.');
    expect(error.message).toContain('"default"');
  });

  it('deletes a device AWS created without a seed, which could never be used', async () => {
    const serial = 'arn:aws:iam::123456789012:mfa/alice';
    const answered = (action: string, result: string) =>
      `<${action}Response xmlns="${IAM_NS}"><${action}Result>${result}</${action}Result>` +
      `<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></${action}Response>`;
    answer = {
      status: 500,
      code: 'ServiceFailure',
      message: 'unused',
      ok: {
        CreateVirtualMFADevice: answered(
          'CreateVirtualMFADevice',
          `<VirtualMFADevice><SerialNumber>${serial}</SerialNumber></VirtualMFADevice>`,
        ),
        DeleteVirtualMFADevice: answered('DeleteVirtualMFADevice', ''),
      },
    };
    received.length = 0;
    const error = await failure((port) => port.createVirtualMfaDevice('alice'));
    expect(error.code).toBe('AWS_REFUSED');
    expect(error.message).toContain('without the device ARN or its secret key');
    expect(received).toEqual(['CreateVirtualMFADevice', 'DeleteVirtualMFADevice']);
  });

  it('maps a refused connection to AWS_NETWORK', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${port}`;
    try {
      const error = await failure((p) => p.getCallerIdentity());
      expect(error.code).toBe('AWS_NETWORK');
    } finally {
      process.env.AWS_ENDPOINT_URL = url;
    }
  });

  it('maps a profile without credentials to AWS_NO_CREDENTIALS, naming it, and asks AWS nothing', async () => {
    received.length = 0;
    const error = await failure((port) => port.getCallerIdentity(), 'empty');
    expect(error.code).toBe('AWS_NO_CREDENTIALS');
    expect(error.message).toContain('"empty"');
    const missing = await failure((port) => port.getCallerIdentity(), 'nowhere');
    expect(missing.code).toBe('AWS_NO_CREDENTIALS');
    expect(received).toEqual([]);
  });
});

describe('the mapping itself', () => {
  const context = { action: 'EnableMFADevice' as const, profile: 'work', serverTimeMs: null };

  it('treats an AccessDenied that is not about MFA as AWS_REFUSED', () => {
    const error = toAwsError(
      Object.assign(new Error('User: arn:aws:iam::1:user/bob is not authorized'), {
        name: 'AccessDenied',
      }),
      context,
    );
    expect(error.code).toBe('AWS_REFUSED');
  });

  it('treats TimeoutError and a DNS failure as AWS_NETWORK', () => {
    const timeout = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    expect(toAwsError(timeout, context).code).toBe('AWS_NETWORK');
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND iam.amazonaws.com'), {
      code: 'ENOTFOUND',
    });
    expect(toAwsError(dns, context).code).toBe('AWS_NETWORK');
  });

  it('treats an expired SSO token as AWS_NO_CREDENTIALS, quoting the provider', () => {
    const expired = Object.assign(
      new Error('The SSO session associated with this profile has expired.'),
      { name: 'TokenProviderError' },
    );
    const error = toAwsError(expired, context);
    expect(error.code).toBe('AWS_NO_CREDENTIALS');
    expect(error.message).toContain('"work"');
    expect(error.message).toContain('has expired');
  });

  it('leaves an error it already mapped as it is', () => {
    const mapped = new AuthdeskError('AWS_THROTTLED', 'slow down');
    expect(toAwsError(mapped, context)).toBe(mapped);
  });

  it('describes offsets in plain words', () => {
    expect(describeOffset(42_400)).toBe('42 s behind');
    expect(describeOffset(-125_000)).toBe('2 min 5 s ahead');
  });
});
