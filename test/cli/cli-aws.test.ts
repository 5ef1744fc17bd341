// `authdesk aws …`, the built command spawned as a user runs it, against the local IAM/STS endpoint
// (AWS_ENDPOINT_URL) with AWS config files in a temp folder: registration end to end and every way it
// can fail without leaving anything half-done, resync, sessions, credential_process and its cache.
// Here the vault is opened with the password (--password-stdin); cli-aws-agent.test.ts asks a
// running app instead.
import { spawnSync } from 'node:child_process';
import { appendFile, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionCachePathFor } from '../../electron/aws/session-cache';
import { shellQuote } from '../../electron/cli/commands/aws';
import { EXIT } from '../../electron/cli/exit-codes';
import {
  awsFixture,
  deviceAccount,
  EMPTY_PROFILE,
  PASSWORD,
  SOURCE_PROFILE,
  type AwsFixture,
} from '../harness/aws-fixture';
import { assertBuilt, REPO, runCli } from '../harness/cli';
import { hasScript, runOnPty } from '../harness/pty';

let f: AwsFixture;
beforeAll(() => assertBuilt());
beforeEach(async () => {
  f = await awsFixture();
});
afterEach(async () => {
  await f.close();
});

const register = (...more: string[]) =>
  f.cli(['aws', 'register', '--user', 'alice', '--profile', SOURCE_PROFILE, ...more]);

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Nothing half-done: no device at AWS (enabled or not) for this test, and no account in the vault. */
async function expectNothingLeft(devicesBefore = 0) {
  expect(f.endpoint.devices()).toHaveLength(devicesBefore);
  expect(await f.accounts()).toEqual([]);
}

describe('authdesk aws register', () => {
  it('creates the device, keeps its seed in the vault (never printed), enables it with two codes and stores the ARN', async () => {
    const result = await register();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(EXIT.ok);

    const [device] = f.endpoint.devices();
    expect(device).toMatchObject({ serial: 'arn:aws:iam::123456789012:mfa/alice', user: 'alice' });
    const [account] = await f.accounts();
    expect(account).toMatchObject({
      issuer: 'Amazon Web Services',
      label: 'alice@123456789012',
      secret: device!.seed,
      awsSerial: device!.serial,
      type: 'totp',
    });
    expect(result.stdout).toContain(device!.serial);
    expect(result.stdout + result.stderr).not.toContain(device!.seed);
    expect(f.endpoint.calls('EnableMFADevice')).toBe(1);
  });

  it('names the device with --device-name', async () => {
    const result = await register('--device-name', 'alice-laptop');
    expect(result.status).toBe(EXIT.ok);
    expect(f.endpoint.devices().map((d) => d.serial)).toEqual([
      'arn:aws:iam::123456789012:mfa/alice-laptop',
    ]);
  });

  it('deletes the new device and keeps no account when EnableMFADevice fails, and prints what AWS said', async () => {
    f.endpoint.failNext('EnableMFADevice');
    const result = await register();
    expect(result.status).toBe(EXIT.awsRefused);
    expect(result.stderr).toContain('AccessDenied');
    expect(result.stderr).toContain('is not authorized to perform: iam:EnableMFADevice');
    expect(result.stderr).toContain('deleted');
    expect(f.endpoint.calls('DeleteVirtualMFADevice')).toBe(1);
    await expectNothingLeft();
  });

  it('says the user already has a device when AWS refuses another (exit 17), and leaves nothing', async () => {
    f.endpoint.maxDevicesPerUser = 1; // the rule before AWS allowed several devices per user
    f.endpoint.addEnabledDevice('alice', 'older');
    const result = await register();
    expect(result.status).toBe(EXIT.awsDeviceExists);
    expect(result.stderr).toContain('LimitExceeded');
    await expectNothingLeft(1);
  });

  it('says a device of that name exists (exit 17), and creates nothing', async () => {
    f.endpoint.addUser('bob');
    f.endpoint.addEnabledDevice('bob', 'alice');
    const result = await register();
    expect(result.status).toBe(EXIT.awsDeviceExists);
    expect(result.stderr).toContain('EntityAlreadyExists');
    await expectNothingLeft(1);
  });

  it('stops with exit 18 when AWS throttles, and leaves nothing', async () => {
    f.endpoint.throttleNext(100);
    const result = await register();
    expect(result.status).toBe(EXIT.awsThrottled);
    expect(result.stderr).toContain('Throttling');
    await expectNothingLeft();
  });

  it('stops with exit 19 when AWS cannot be reached', async () => {
    const result = await f.cli(
      ['aws', 'register', '--user', 'alice', '--profile', SOURCE_PROFILE],
      {
        env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${await closedPort()}` },
      },
    );
    expect(result.status).toBe(EXIT.awsNetwork);
    expect(result.stderr).toMatch(/could not be reached/u);
    await expectNothingLeft();
  });

  it('stops with exit 20 for a profile without credentials, before asking AWS anything', async () => {
    const result = await f.cli(['aws', 'register', '--user', 'alice', '--profile', EMPTY_PROFILE]);
    expect(result.status).toBe(EXIT.awsNoCredentials);
    expect(result.stderr).toContain(EMPTY_PROFILE);
    expect(f.endpoint.calls('CreateVirtualMFADevice')).toBe(0);
    await expectNothingLeft();
  });

  it("refuses codes when AWS's clock is minutes away (exit 16), deleting the device", async () => {
    f.endpoint.clockOffsetMs = 3 * 60_000;
    const result = await register();
    expect(result.status).toBe(EXIT.awsClockOff);
    expect(result.stderr).toMatch(/clock/iu);
    await expectNothingLeft();
  });
});

describe('authdesk aws resync', () => {
  it("resyncs the account's device with two consecutive codes, the user taken from the profile", async () => {
    const device = f.endpoint.addEnabledDevice('alice');
    await f.addAccounts(deviceAccount(device));
    // No query: the only account with an MFA device ARN.
    const result = await f.cli(['aws', 'resync', '--profile', SOURCE_PROFILE]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(EXIT.ok);
    expect(f.endpoint.calls('ResyncMFADevice')).toBe(1);
    expect(f.endpoint.calls('GetCallerIdentity')).toBe(1);
    expect(result.stdout).toContain(device.serial);
  });

  it("says AWS refused the codes (exit 15) when the vault's key is not the device's", async () => {
    const device = f.endpoint.addEnabledDevice('alice');
    await f.addAccounts({ ...deviceAccount(device), secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });
    const result = await f.cli([
      'aws',
      'resync',
      'alice',
      '--user',
      'alice',
      '--profile',
      SOURCE_PROFILE,
    ]);
    expect(result.status).toBe(EXIT.awsCodeRejected);
    expect(result.stderr).toContain('InvalidAuthenticationCode');
  });
});

describe('authdesk aws session', () => {
  it('prints shell exports of session credentials that AWS accepts as alice', async () => {
    const device = f.endpoint.addEnabledDevice('alice');
    await f.addAccounts(deviceAccount(device));
    const result = await f.cli([
      'aws',
      'session',
      '--profile',
      SOURCE_PROFILE,
      '--duration',
      '900',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(EXIT.ok);
    const [issued] = f.endpoint.sessionsIssued();
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      `export AWS_ACCESS_KEY_ID='${issued!.accessKeyId}'`,
      `export AWS_SECRET_ACCESS_KEY='${issued!.secretAccessKey}'`,
      `export AWS_SESSION_TOKEN='${issued!.sessionToken}'`,
    ]);
    const expiration = /^export AWS_CREDENTIAL_EXPIRATION='([^']+)'$/u.exec(lines[3]!)?.[1];
    expect(Date.parse(expiration!)).toBe(issued!.expiresAt);
    expect(lines).toHaveLength(4);
    // A POSIX shell reads them back exactly.
    const shell = spawnSync(
      'sh',
      ['-c', 'eval "$1"; printf %s "$AWS_SESSION_TOKEN"', 'sh', result.stdout],
      {
        encoding: 'utf8',
      },
    );
    expect(shell.stdout).toBe(issued!.sessionToken);
    const quoted = spawnSync('sh', ['-c', `printf %s ${shellQuote("it's $HOME `x` \\")}`], {
      encoding: 'utf8',
    });
    expect(quoted.stdout).toBe("it's $HOME `x` \\");
    expect(issued!.expiresAt - f.endpoint.now()).toBeLessThanOrEqual(900_000);
    expect(issued!.mfa).toBe(true);
  });

  it('prints JSON as `aws sts get-session-token` does, and those credentials work', async () => {
    const device = f.endpoint.addEnabledDevice('alice');
    await f.addAccounts(deviceAccount(device));
    const result = await f.cli([
      'aws',
      'session',
      'amazon',
      '--format',
      'json',
      '--profile',
      SOURCE_PROFILE,
    ]);
    expect(result.status).toBe(EXIT.ok);
    const { Credentials } = JSON.parse(result.stdout) as {
      Credentials: {
        AccessKeyId: string;
        SecretAccessKey: string;
        SessionToken: string;
        Expiration: string;
      };
    };
    expect(Credentials.AccessKeyId).toMatch(/^ASIA/u);
    const sts = new STSClient({
      endpoint: f.endpoint.url,
      region: 'us-east-1',
      credentials: {
        accessKeyId: Credentials.AccessKeyId,
        secretAccessKey: Credentials.SecretAccessKey,
        sessionToken: Credentials.SessionToken,
      },
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      f.endpoint.userArn('alice'),
    );
  });

  it('says the account has no MFA device ARN (exit 21), asking AWS nothing', async () => {
    await f.addAccounts({
      ...deviceAccount({ seed: 'JBSWY3DPEHPK3PXP', serial: '' }),
      awsSerial: undefined,
      issuer: 'Example',
    });
    const result = await f.cli(['aws', 'session', 'example', '--profile', SOURCE_PROFILE]);
    expect(result.status).toBe(EXIT.awsNoSerial);
    expect(result.stderr).toContain('no MFA device ARN');
    expect(f.endpoint.calls('GetSessionToken')).toBe(0);
  });

  it("says AWS refused the code (exit 15) when the vault's key is not the device's", async () => {
    const device = f.endpoint.addEnabledDevice('alice');
    await f.addAccounts({ ...deviceAccount(device), secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });
    const result = await f.cli(['aws', 'session', '--profile', SOURCE_PROFILE]);
    expect(result.status).toBe(EXIT.awsCodeRejected);
    expect(result.stderr).toContain('AccessDenied');
    expect(result.stdout).toBe('');
  });

  it("says the clock is off (exit 16) when AWS's clock is minutes away from this one", async () => {
    const device = f.endpoint.addEnabledDevice('alice');
    await f.addAccounts(deviceAccount(device));
    f.endpoint.clockOffsetMs = -3 * 60_000;
    const result = await f.cli(['aws', 'session', '--profile', SOURCE_PROFILE]);
    expect(result.status).toBe(EXIT.awsClockOff);
    expect(result.stderr).toMatch(/clock/iu);
  });

  it('stops with exit 18 when AWS throttles GetSessionToken', async () => {
    const device = f.endpoint.addEnabledDevice('alice');
    await f.addAccounts(deviceAccount(device));
    f.endpoint.throttleNext(100);
    const result = await f.cli(['aws', 'session', '--profile', SOURCE_PROFILE]);
    expect(result.status).toBe(EXIT.awsThrottled);
  });
});

describe('authdesk aws credential-process', () => {
  it('prints the credential_process JSON, and the second time answers from the encrypted cache', async () => {
    const device = f.endpoint.addEnabledDevice('alice');
    await f.addAccounts(deviceAccount(device));
    const first = await f.cli(['aws', 'credential-process', '--profile', SOURCE_PROFILE]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(EXIT.ok);
    const output = JSON.parse(first.stdout) as Record<string, unknown>;
    const [issued] = f.endpoint.sessionsIssued();
    expect(output).toEqual({
      Version: 1,
      AccessKeyId: issued!.accessKeyId,
      SecretAccessKey: issued!.secretAccessKey,
      SessionToken: issued!.sessionToken,
      Expiration: expect.any(String),
    });
    expect(Date.parse(output.Expiration as string)).toBe(issued!.expiresAt);

    const second = await f.cli([
      'aws',
      'credential-process',
      '--profile',
      SOURCE_PROFILE,
      '--account',
      'alice',
    ]);
    expect(second.status).toBe(EXIT.ok);
    expect(JSON.parse(second.stdout)).toEqual(output);
    expect(f.endpoint.calls('GetSessionToken')).toBe(1);

    const cache = await readFile(sessionCachePathFor(f.vault), 'utf8');
    expect(cache).not.toContain(issued!.secretAccessKey);
    expect(cache).not.toContain(issued!.sessionToken);
  });

  it.skipIf(!hasScript)(
    'run by another program that captures its output, asks the vault password on the terminal itself',
    async () => {
      const device = f.endpoint.addEnabledDevice('alice');
      await f.addAccounts(deviceAccount(device));
      const out = path.join(f.dir, 'out.json');
      const errors = path.join(f.dir, 'err.txt');
      const env = Object.entries({ ...f.env, OUT: out, ERR: errors });
      // As aws runs it: standard output and error are pipes (files here), the terminal is the user's.
      const { status, screen } = await runOnPty(
        [
          'env',
          ...env.filter(([, v]) => v === undefined).flatMap(([k]) => ['-u', k]),
          ...env.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`),
          'sh',
          '-c',
          'exec "$@" >"$OUT" 2>"$ERR"',
          'sh',
          process.execPath,
          path.join(REPO, 'bin', 'authdesk.js'),
          '--vault',
          f.vault,
          'aws',
          'credential-process',
          '--profile',
          SOURCE_PROFILE,
        ],
        [{ expect: 'Vault password: ', type: `${PASSWORD}\r` }],
      );
      expect(await readFile(errors, 'utf8')).toBe('');
      expect(status).toBe(0);
      expect(screen).not.toContain(PASSWORD);
      const output = JSON.parse(await readFile(out, 'utf8')) as { AccessKeyId: string };
      expect(output.AccessKeyId).toBe(f.endpoint.sessionsIssued()[0]!.accessKeyId);
    },
  );

  it('with no running app and no terminal, says to start or unlock the app (exit 14)', async () => {
    const device = f.endpoint.addEnabledDevice('alice');
    await f.addAccounts(deviceAccount(device));
    const result = await f.cli(['aws', 'credential-process', '--profile', SOURCE_PROFILE], {
      noTerminal: true,
      passwordStdin: false,
    });
    expect(result.status).toBe(EXIT.agentUnavailable);
    expect(result.stderr).toMatch(/start Authdesk and unlock/u);
    expect(result.stdout).toBe('');
    expect(f.endpoint.calls('GetSessionToken')).toBe(0);
  });
});

describe('authdesk aws: usage', () => {
  it('refuses a source profile whose credential_process is authdesk itself, instead of calling itself', async () => {
    const device = f.endpoint.addEnabledDevice('alice');
    await f.addAccounts(deviceAccount(device));
    const self = [process.execPath, path.join(REPO, 'bin', 'authdesk.js'), '--vault', f.vault]
      .concat(['--password-stdin', 'aws', 'credential-process', '--profile', 'loop'])
      .map((part) => `"${part}"`)
      .join(' ');
    await appendFile(
      f.configFile,
      `\n[profile loop]\nregion = us-east-1\ncredential_process = ${self}\n`,
    );
    const result = await f.cli(['aws', 'credential-process', '--profile', 'loop']);
    expect(result.status).toBe(EXIT.awsNoCredentials);
    expect(result.stderr).toContain(
      'The profile "loop" itself gets its credentials from `authdesk aws credential-process`',
    );
    expect(f.endpoint.calls('GetSessionToken')).toBe(0);
  });

  it("prints the aws overview and each subcommand's own help", async () => {
    const overview = await runCli(['aws', '--help']);
    expect(overview.status).toBe(EXIT.ok);
    for (const sub of ['register', 'resync', 'session', 'credential-process']) {
      expect(overview.stdout).toContain(`  ${sub} `);
    }
    const register = await runCli(['help', 'aws', 'register']);
    expect(register.status).toBe(EXIT.ok);
    expect(register.stdout).toContain('--device-name NAME');
    expect(register.stdout).toMatch(/^ {2}17 {2}aws: the user already has an MFA device/mu);
    const cp = await runCli(['aws', 'credential-process', '--help']);
    expect(cp.stdout).toContain(
      'credential_process = authdesk aws credential-process --profile work',
    );
    expect(cp.stdout).toMatch(/^ {2}14 /mu);
  });

  it('answers usage errors with exit 2 before opening the vault or asking AWS', async () => {
    const cases: [string[], string][] = [
      [['aws'], '"aws" needs a subcommand: register, resync, session, credential-process.'],
      [['aws', 'regster'], 'Unknown subcommand "aws regster"; did you mean "aws register"?'],
      [['aws', 'register'], '"aws register" needs --user NAME'],
      [
        ['aws', 'register', '--user', 'alice', '--format', 'json'],
        '"aws register" does not take --format.',
      ],
      [['aws', 'session', '--format', 'yaml'], '--format takes env or json, not "yaml".'],
      [['aws', 'session', '--duration', '1h'], '--duration takes a number of seconds'],
      [['aws', 'credential-process'], '"aws credential-process" needs --profile PROFILE'],
      [['aws', 'session', 'a', 'b'], 'Wrong number of arguments for "aws session".'],
    ];
    for (const [args, message] of cases) {
      const result = await f.cli(args);
      expect(result.stderr, args.join(' ')).toContain(message);
      expect(result.status, args.join(' ')).toBe(EXIT.usage);
    }
    expect(f.endpoint.devices()).toEqual([]);
  });
});
