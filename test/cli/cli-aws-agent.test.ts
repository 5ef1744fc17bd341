// `authdesk aws …` through the running app: a real AgentServer and AgentService in this process over
// an unlocked vault (as the app composes them), the built command spawned with no password and no
// terminal, the local IAM/STS endpoint behind. The app adds and removes the account, takes the codes
// and keeps the session in its memory; the command never opens the vault.
import { access } from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionCachePathFor } from '../../electron/aws/session-cache';
import { EXIT } from '../../electron/cli/exit-codes';
import {
  awsFixture,
  deviceAccount,
  runningApp,
  SOURCE_PROFILE,
  type AwsFixture,
  type RunningApp,
} from '../harness/aws-fixture';
import { assertBuilt } from '../harness/cli';

let f: AwsFixture;
let app: RunningApp;
beforeAll(() => assertBuilt());
beforeEach(async () => {
  f = await awsFixture();
  app = await runningApp(f);
});
afterEach(async () => {
  await app.close();
  await f.close();
});

/** The command as `aws` runs it: no password, no terminal, the app's socket in the environment. */
const viaApp = (args: string[]) =>
  f.cli(args, {
    passwordStdin: false,
    noTerminal: true,
    env: { AUTHDESK_AGENT_SOCKET: app.socket },
  });

describe('authdesk aws through the running app', () => {
  it('registers a device: the app adds the account (asking), takes the two codes, keeps the ARN', async () => {
    const result = await viaApp([
      'aws',
      'register',
      '--user',
      'alice',
      '--profile',
      SOURCE_PROFILE,
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(EXIT.ok);
    const [device] = f.endpoint.devices();
    expect(device?.user).toBe('alice');
    const accounts = app.vault.list();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ secret: device!.seed, awsSerial: device!.serial });
    expect(result.stdout + result.stderr).not.toContain(device!.seed);
    // The app asked before adding the account (Allow / Deny).
    expect(app.asked.some((c) => c.buttons.length === 2)).toBe(true);
  });

  it('after a failed EnableMFADevice, the device is deleted and the app removes the account it added', async () => {
    f.endpoint.failNext('EnableMFADevice');
    const result = await viaApp([
      'aws',
      'register',
      '--user',
      'alice',
      '--profile',
      SOURCE_PROFILE,
    ]);
    expect(result.status).toBe(EXIT.awsRefused);
    expect(result.stderr).toContain('iam:EnableMFADevice');
    expect(result.stderr).toContain('The new MFA device was deleted and no account was kept.');
    expect(f.endpoint.devices()).toEqual([]);
    expect(app.vault.list()).toEqual([]);
  });

  it('credential-process twice: the second answer is the session the app holds in memory', async () => {
    const device = f.endpoint.addEnabledDevice('alice');
    await app.vault.add(deviceAccount(device));
    const first = await viaApp(['aws', 'credential-process', '--profile', SOURCE_PROFILE]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(EXIT.ok);
    const second = await viaApp(['aws', 'credential-process', '--profile', SOURCE_PROFILE]);
    expect(second.status).toBe(EXIT.ok);
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
    expect(f.endpoint.calls('GetSessionToken')).toBe(1);
    // Held by the app, not written beside the vault.
    await expect(access(sessionCachePathFor(f.vault))).rejects.toThrow();
  });

  it("two credential-process at once (aws starts several): the step's code is sent once, both get the session", async () => {
    const device = f.endpoint.addEnabledDevice('alice');
    await app.vault.add(deviceAccount(device));
    const [a, b] = await Promise.all([
      viaApp(['aws', 'credential-process', '--profile', SOURCE_PROFILE]),
      viaApp(['aws', 'credential-process', '--profile', SOURCE_PROFILE]),
    ]);
    expect([a.status, b.status, a.stderr, b.stderr]).toEqual([EXIT.ok, EXIT.ok, '', '']);
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
    expect(f.endpoint.calls('GetSessionToken')).toBe(1);
  });

  it('session through the app', async () => {
    const device = f.endpoint.addEnabledDevice('alice');
    await app.vault.add(deviceAccount(device));
    const session = await viaApp([
      'aws',
      'session',
      '--format',
      'json',
      '--profile',
      SOURCE_PROFILE,
    ]);
    expect(session.status).toBe(EXIT.ok);
    expect(JSON.parse(session.stdout).Credentials.AccessKeyId).toBe(
      f.endpoint.sessionsIssued()[0]!.accessKeyId,
    );
  });

  it('resync through the app', async () => {
    const device = f.endpoint.addEnabledDevice('alice');
    await app.vault.add(deviceAccount(device));
    const resync = await viaApp(['aws', 'resync', 'alice', '--profile', SOURCE_PROFILE]);
    expect(resync.stderr).toBe('');
    expect(resync.status).toBe(EXIT.ok);
    expect(f.endpoint.calls('ResyncMFADevice')).toBe(1);
  });

  it("the app's Deny ends the command with exit 12 before AWS is asked", async () => {
    const device = f.endpoint.addEnabledDevice('alice');
    await app.vault.add(deviceAccount(device));
    app.answer = 'deny';
    const result = await viaApp(['aws', 'credential-process', '--profile', SOURCE_PROFILE]);
    expect(result.status).toBe(EXIT.agentDenied);
    expect(result.stdout).toBe('');
    expect(f.endpoint.calls('GetSessionToken')).toBe(0);
  });

  it('with the app locked and no terminal, credential-process says to start or unlock the app (exit 14)', async () => {
    app.lock();
    const result = await viaApp(['aws', 'credential-process', '--profile', SOURCE_PROFILE]);
    expect(result.status).toBe(EXIT.agentUnavailable);
    expect(result.stderr).toMatch(/unlock/u);
    expect(f.endpoint.calls('GetSessionToken')).toBe(0);
  });
});
