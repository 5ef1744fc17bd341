// The AWS use case over a real vault in a temp folder and a fake AWS that checks codes as AWS does
// (RFC 6238 on its own clock): registration takes two consecutive codes with at least SAFE_PAIR_MS of
// the step left, and every failure after the device was created leaves nothing half-done (the
// device deleted, no account); resync, sessions, and credential_process answering from its cache.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountInput, AccountMeta } from '../../shared/account';
import { encodeBase32 } from '../../shared/base32';
import { SAFE_PAIR_MS } from '../../shared/code-pair';
import { AuthdeskError } from '../../shared/errors';
import { createOtpEngine, totpCode } from '../../shared/otp';
import type { SessionCredentials } from '../../electron/agent/protocol';
import { AwsError } from '../../electron/aws/aws-errors';
import type { AwsPort, CallerIdentity, CreatedDevice } from '../../electron/aws/aws-port';
import {
  SESSION_CACHE_PURPOSE,
  SessionCacheFile,
  sessionCachePathFor,
} from '../../electron/aws/session-cache';
import { AwsMfa, localMfaVault, type MfaVault } from '../../electron/use-cases/aws-mfa';
import { Vault } from '../../electron/vault/vault';
import { ManualTime } from '../harness/manual-timers';
import { PASSWORD, TINY_KDF, tempVaultFile } from '../harness/vault-fixtures';

const ACCOUNT_ID = '123456789012';
const STEP = 30_000;
/** 10 s into a step: a pair taken now is safe. */
const SAFE_START = Date.UTC(2026, 11, 2, 3, 0, 10);

type Method = Exclude<keyof AwsPort, 'profile'>;

interface Device {
  serial: string;
  seed: string;
  user: string | null;
  /** The last step whose code was accepted: codes are never accepted twice. */
  lastStep: number;
}

/** AWS as the IAM and STS references describe it, on the test's clock. */
class FakeAws implements AwsPort {
  readonly devices = new Map<string, Device>();
  readonly calls: Method[] = [];
  /** Time left in the step when each pair of codes arrived. */
  readonly pairLeftMs: number[] = [];
  readonly failures = new Map<Method, AuthdeskError>();
  /** EnableMFADevice succeeds at AWS, but its answer is lost on the way back. */
  loseEnableAnswer = false;
  identity: CallerIdentity = {
    account: ACCOUNT_ID,
    arn: `arn:aws:iam::${ACCOUNT_ID}:user/alice`,
    userName: 'alice',
  };
  sessions = 0;

  constructor(
    private readonly time: ManualTime,
    readonly profile = 'default',
  ) {}

  #call(method: Method): void {
    this.calls.push(method);
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      throw failure;
    }
  }

  #step(): number {
    return Math.floor(this.time.now() / STEP);
  }

  #checkPair(device: Device, code1: string, code2: string): void {
    this.pairLeftMs.push(STEP - (this.time.now() % STEP));
    const step = this.#step();
    // ±1 step, two consecutive codes, none already used.
    const ok = [step - 1, step, step + 1].some(
      (s) =>
        s > device.lastStep &&
        code1 === totpCode(params(device.seed), s * STEP) &&
        code2 === totpCode(params(device.seed), (s + 1) * STEP),
    );
    if (!ok) {
      throw new AwsError('AWS_CODE_REJECTED', 'AWS refused the MFA codes.', {
        awsCode: 'InvalidAuthenticationCode',
        serverTimeMs: this.time.now(),
      });
    }
    device.lastStep = step + 1;
  }

  async createVirtualMfaDevice(name: string): Promise<CreatedDevice> {
    this.#call('createVirtualMfaDevice');
    const serial = `arn:aws:iam::${ACCOUNT_ID}:mfa/${name}`;
    if (this.devices.has(serial)) {
      throw new AwsError('AWS_DEVICE_EXISTS', 'exists', { awsCode: 'EntityAlreadyExists' });
    }
    const seed = encodeBase32(randomBytes(40));
    this.devices.set(serial, { serial, seed, user: null, lastStep: -1 });
    return { serial, seed };
  }

  async enableMfaDevice(user: string, serial: string, c1: string, c2: string): Promise<void> {
    this.#call('enableMfaDevice');
    const device = this.#device(serial);
    this.#checkPair(device, c1, c2);
    device.user = user;
    if (this.loseEnableAnswer) throw new AwsError('AWS_NETWORK', 'AWS could not be reached.');
  }

  async resyncMfaDevice(user: string, serial: string, c1: string, c2: string): Promise<void> {
    this.#call('resyncMfaDevice');
    const device = this.#device(serial);
    if (device.user !== user) {
      throw new AwsError('AWS_REFUSED', 'not this user', { awsCode: 'NoSuchEntity' });
    }
    this.#checkPair(device, c1, c2);
  }

  async deleteVirtualMfaDevice(serial: string): Promise<void> {
    this.#call('deleteVirtualMfaDevice');
    const device = this.#device(serial);
    if (device.user !== null) {
      throw new AwsError('AWS_REFUSED', 'DeleteConflict: the device is in use.', {
        awsCode: 'DeleteConflict',
      });
    }
    this.devices.delete(serial);
  }

  async getSessionToken(
    serial: string,
    code: string,
    durationSeconds = 43_200,
  ): Promise<SessionCredentials> {
    this.#call('getSessionToken');
    const device = this.#device(serial);
    const step = this.#step();
    if (step <= device.lastStep || code !== totpCode(params(device.seed), this.time.now())) {
      throw new AwsError('AWS_CODE_REJECTED', 'AWS refused the MFA code.', {
        awsCode: 'AccessDenied',
        serverTimeMs: this.time.now(),
      });
    }
    device.lastStep = step;
    this.sessions += 1;
    return {
      accessKeyId: `ASIA${this.sessions}`,
      secretAccessKey: `secret${this.sessions}`,
      sessionToken: `token${this.sessions}`,
      expiration: new Date(this.time.now() + durationSeconds * 1000).toISOString(),
    };
  }

  async getCallerIdentity(): Promise<CallerIdentity> {
    this.#call('getCallerIdentity');
    return this.identity;
  }

  #device(serial: string): Device {
    const device = this.devices.get(serial);
    if (!device) throw new AwsError('AWS_REFUSED', 'NoSuchEntity', { awsCode: 'NoSuchEntity' });
    return device;
  }
}

function params(secret: string) {
  return { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, secret } as const;
}

let dir: string;
let vault: Vault;
let time: ManualTime;
let fake: FakeAws;
let mfa: MfaVault;
let aws: AwsMfa;
let warnings: string[];

function makeAws(): AwsMfa {
  const cache = new SessionCacheFile({
    path: sessionCachePathFor(vault.path),
    key: vault.derivedKey(SESSION_CACHE_PURPOSE),
    clock: time,
  });
  mfa = localMfaVault({ vault, engine: createOtpEngine(), clock: time, timers: time, cache });
  return new AwsMfa({
    aws: () => fake,
    vault: mfa,
    clock: time,
    warn: (m) => warnings.push(m),
  });
}

beforeEach(async () => {
  const temp = await tempVaultFile();
  dir = temp.dir;
  vault = await Vault.create(temp.file, PASSWORD, { kdf: TINY_KDF });
  time = new ManualTime(SAFE_START);
  fake = new FakeAws(time);
  warnings = [];
  aws = makeAws();
});

afterEach(async () => {
  vault.lock();
  await rm(dir, { recursive: true, force: true });
});

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

const awsAccounts = () => vault.list().filter((a) => a.issuer === 'Amazon Web Services');

describe('register', () => {
  it('creates the device, keeps its seed and ARN in the vault, and enables it with two consecutive codes', async () => {
    const account = await drive(aws.register({ user: 'alice' }));
    const serial = `arn:aws:iam::${ACCOUNT_ID}:mfa/alice`;
    expect(account).toMatchObject({
      issuer: 'Amazon Web Services',
      label: `alice@${ACCOUNT_ID}`,
      type: 'totp',
      digits: 6,
      period: 30,
      awsSerial: serial,
    });
    expect(account).not.toHaveProperty('secret');
    expect(vault.get(account.id).secret).toBe(fake.devices.get(serial)!.seed);
    expect(fake.devices.get(serial)!.user).toBe('alice');
    expect(fake.calls).toEqual(['createVirtualMfaDevice', 'enableMfaDevice']);
  });

  it('waits for the next step when the current one has less than SAFE_PAIR_MS left', async () => {
    // 3 s before the step ends: a pair taken now would reach AWS as the step turns.
    time = new ManualTime(Date.UTC(2026, 11, 2, 3, 0, 27));
    fake = new FakeAws(time);
    aws = makeAws();
    const start = time.now();
    await drive(aws.register({ user: 'alice', deviceName: 'alice-laptop' }));
    expect(fake.pairLeftMs).toHaveLength(1);
    expect(fake.pairLeftMs[0]).toBeGreaterThanOrEqual(SAFE_PAIR_MS);
    expect(time.now() - start).toBeGreaterThanOrEqual(3000);
    expect(fake.devices.has(`arn:aws:iam::${ACCOUNT_ID}:mfa/alice-laptop`)).toBe(true);
  });

  it('deletes the device and keeps no account when AWS refuses the codes, saying what AWS answered', async () => {
    fake.failures.set(
      'enableMfaDevice',
      new AwsError('AWS_CODE_REJECTED', 'AWS refused the MFA codes (InvalidAuthenticationCode).', {
        awsCode: 'InvalidAuthenticationCode',
        serverTimeMs: time.now(),
      }),
    );
    const error = await failureOf(aws.register({ user: 'alice' }));
    expect(error.code).toBe('AWS_CODE_REJECTED');
    expect(error.message).toContain('InvalidAuthenticationCode');
    expect(error.message).toContain('was deleted and no account was kept');
    expect(fake.devices.size).toBe(0);
    expect(awsAccounts()).toEqual([]);
    expect(fake.calls).toEqual([
      'createVirtualMfaDevice',
      'enableMfaDevice',
      'deleteVirtualMfaDevice',
    ]);
  });

  it('says AWS_CLOCK_OFF, by how much, when the refusal came from a clock a minute away', async () => {
    fake.failures.set(
      'enableMfaDevice',
      new AwsError('AWS_CODE_REJECTED', 'refused', {
        awsCode: 'InvalidAuthenticationCode',
        serverTimeMs: time.now() + 61_000,
      }),
    );
    const error = await failureOf(aws.register({ user: 'alice' }));
    expect(error.code).toBe('AWS_CLOCK_OFF');
    expect(error.message).toContain('1 min 1 s behind');
    expect(error.message).toContain('was deleted');
    expect(fake.devices.size).toBe(0);
    expect(awsAccounts()).toEqual([]);
  });

  it('names the device ARN to delete by hand when deleting it fails too, and still keeps no account', async () => {
    fake.failures.set('enableMfaDevice', new AwsError('AWS_THROTTLED', 'AWS asked to slow down.'));
    fake.failures.set(
      'deleteVirtualMfaDevice',
      new AwsError('AWS_NETWORK', 'AWS could not be reached.'),
    );
    const error = await failureOf(aws.register({ user: 'alice' }));
    expect(error.code).toBe('AWS_THROTTLED');
    const serial = `arn:aws:iam::${ACCOUNT_ID}:mfa/alice`;
    expect(error.message).toContain(`could not be deleted (AWS could not be reached.)`);
    expect(error.message).toContain(`--serial-number ${serial}`);
    expect(awsAccounts()).toEqual([]);
  });

  it('deletes the device when the vault refuses the account (a name too long), before any code is sent', async () => {
    const error = await failureOf(aws.register({ user: 'alice', label: 'x'.repeat(300) }));
    expect(error.code).toBe('ACCOUNT_INVALID');
    expect(error.message).toContain('was deleted');
    expect(fake.devices.size).toBe(0);
    expect(fake.calls).toEqual(['createVirtualMfaDevice', 'deleteVirtualMfaDevice']);
    expect(awsAccounts()).toHaveLength(0);
  });

  it('registers another device for a name the vault already has: another key is another account', async () => {
    const existing: AccountInput = {
      ...params(encodeBase32(randomBytes(20))),
      issuer: 'Amazon Web Services',
      label: `alice@${ACCOUNT_ID}`,
    };
    await vault.add(existing);
    const account = await drive(aws.register({ user: 'alice' }));
    expect(account.label).toBe(existing.label);
    expect(awsAccounts()).toHaveLength(2);
  });

  it('keeps the account when the enable answer was lost but AWS says the device is in use', async () => {
    fake.loseEnableAnswer = true;
    const account = await drive(aws.register({ user: 'alice' }));
    expect(account.awsSerial).toBe(`arn:aws:iam::${ACCOUNT_ID}:mfa/alice`);
    expect(awsAccounts()).toHaveLength(1);
    expect(warnings.join('\n')).toContain('it was enabled, and its account is kept');
  });

  it('when the create answer may be lost (network), says which device to look for, and adds nothing', async () => {
    fake.failures.set(
      'createVirtualMfaDevice',
      new AwsError('AWS_NETWORK', 'AWS could not be reached.'),
    );
    const error = await failureOf(aws.register({ user: 'alice', deviceName: 'alice-laptop' }));
    expect(error.code).toBe('AWS_NETWORK');
    expect(error.message).toContain('"alice-laptop"');
    expect(error.message).toContain('mfa/alice-laptop');
    expect(awsAccounts()).toEqual([]);
  });

  it('adds nothing when AWS does not create the device', async () => {
    await drive(aws.register({ user: 'alice' }));
    const error = await failureOf(aws.register({ user: 'alice' }));
    expect(error.code).toBe('AWS_DEVICE_EXISTS');
    expect(awsAccounts()).toHaveLength(1);
  });

  it('never puts the seed in an error message', async () => {
    const seeds: string[] = [];
    const create = fake.createVirtualMfaDevice.bind(fake);
    fake.createVirtualMfaDevice = async (name) => {
      const device = await create(name);
      seeds.push(device.seed);
      return device;
    };
    fake.failures.set('enableMfaDevice', new AwsError('AWS_REFUSED', 'refused'));
    fake.failures.set('deleteVirtualMfaDevice', new AwsError('AWS_REFUSED', 'refused'));
    const error = await failureOf(aws.register({ user: 'alice' }));
    expect(seeds).toHaveLength(1);
    expect(error.message).not.toContain(seeds[0]);
    expect(JSON.stringify(error.toInfo())).not.toContain(seeds[0]);
  });
});

describe('enableExisting and resync', () => {
  async function deviceAccount(): Promise<AccountMeta> {
    return drive(aws.register({ user: 'alice' }));
  }

  it('enables an account that already holds a seed and an ARN', async () => {
    const { serial, seed } = await fake.createVirtualMfaDevice('bob');
    const added = await vault.add({
      ...params(seed),
      issuer: 'Amazon Web Services',
      label: 'bob',
      awsSerial: serial,
    });
    await drive(aws.enableExisting({ accountId: added.id, user: 'bob' }));
    expect(fake.devices.get(serial)!.user).toBe('bob');
  });

  it('refuses an account without an ARN with AWS_NO_SERIAL, asking AWS nothing', async () => {
    const added = await vault.add({
      ...params(encodeBase32(randomBytes(20))),
      issuer: 'X',
      label: 'y',
    });
    const error = await failureOf(aws.enableExisting({ accountId: added.id, user: 'bob' }));
    expect(error.code).toBe('AWS_NO_SERIAL');
    expect(fake.calls).toEqual([]);
  });

  it("resyncs with two new consecutive codes, for the caller's own user by default", async () => {
    await deviceAccount();
    time.advance(STEP * 2);
    await drive(aws.resync({ query: 'Amazon' }));
    expect(fake.calls.slice(-2)).toEqual(['getCallerIdentity', 'resyncMfaDevice']);
    expect(fake.pairLeftMs.at(-1)).toBeGreaterThanOrEqual(SAFE_PAIR_MS);
  });

  it('asks for --user when the profile is not an IAM user', async () => {
    await deviceAccount();
    fake.identity = {
      account: ACCOUNT_ID,
      arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/admin/x`,
      userName: null,
    };
    const error = await failureOf(aws.resync({ query: 'Amazon' }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('--user');
  });
});

describe('sessions', () => {
  it('uses the only account with an ARN and a fresh code', async () => {
    await vault.add({ ...params(encodeBase32(randomBytes(20))), issuer: 'GitHub', label: 'me' });
    const registered = await drive(aws.register({ user: 'alice' }));
    time.advance(2 * STEP); // the pair's two steps are used: a new one
    const { account, session } = await drive(aws.session({ durationSeconds: 3600 }));
    expect(account.id).toBe(registered.id);
    expect(Date.parse(session.expiration)).toBe(time.now() + 3_600_000);
  });

  it('says AWS_NO_SERIAL without any ARN, and asks which one with several', async () => {
    expect((await failureOf(aws.session({}))).code).toBe('AWS_NO_SERIAL');
    await drive(aws.register({ user: 'alice' }));
    await drive(aws.register({ user: 'bob' }));
    const error = await failureOf(aws.session({}));
    expect(error.code).toBe('ACCOUNT_NOT_FOUND');
    expect((error as AuthdeskError & { exitCode: number }).exitCode).toBe(5);
    expect(error.message).toContain(`arn:aws:iam::${ACCOUNT_ID}:mfa/bob`);
    time.advance(2 * STEP);
    const { account } = await drive(aws.session({ query: 'bob' }));
    expect(account.awsSerial).toBe(`arn:aws:iam::${ACCOUNT_ID}:mfa/bob`);
  });

  it('refuses a duration AWS would refuse', async () => {
    await drive(aws.register({ user: 'alice' }));
    for (const durationSeconds of [899, 129_601, 1.5]) {
      expect((await failureOf(aws.session({ durationSeconds }))).code).toBe('INVALID_ARGUMENT');
    }
    expect(fake.calls).not.toContain('getSessionToken');
  });
});

describe('credentialProcess', () => {
  it('answers from the encrypted cache while more than 5 minutes are left, then asks AWS again', async () => {
    await drive(aws.register({ user: 'alice' }));
    time.advance(2 * STEP);
    const first = await drive(aws.credentialProcess({}));
    expect(first).toEqual({
      Version: 1,
      AccessKeyId: 'ASIA1',
      SecretAccessKey: 'secret1',
      SessionToken: 'token1',
      Expiration: new Date(time.now() + 43_200_000).toISOString(),
    });
    // A later command (a new AwsMfa over the same vault) reads the file.
    aws = makeAws();
    time.advance(12 * 3_600_000 - 6 * 60_000); // 6 minutes left
    expect(await drive(aws.credentialProcess({}))).toEqual(first);
    expect(fake.sessions).toBe(1);
    time.advance(2 * 60_000); // 4 minutes left: too little
    const third = await drive(aws.credentialProcess({}));
    expect(third.AccessKeyId).toBe('ASIA2');
    expect(fake.sessions).toBe(2);
  });

  it('two commands at once send the code once: the second waits, then answers from the cache', async () => {
    await drive(aws.register({ user: 'alice' }));
    time.advance(2 * STEP);
    const other = makeAws();
    const [a, b] = await drive(
      Promise.all([aws.credentialProcess({}), other.credentialProcess({})]),
    );
    expect(b).toEqual(a);
    expect(fake.sessions).toBe(1);
    expect(fake.calls.filter((c) => c === 'getSessionToken')).toHaveLength(1);
  });

  it('still answers when the session cannot be cached, and says so', async () => {
    await drive(aws.register({ user: 'alice' }));
    time.advance(2 * STEP);
    const failing: MfaVault = {
      ...mfa,
      sessionPut: async () => {
        throw new AuthdeskError('IO_ERROR', 'Not enough disk space.');
      },
    };
    const answer = await drive(
      new AwsMfa({
        aws: () => fake,
        vault: failing,
        clock: time,
        warn: (m) => warnings.push(m),
      }).credentialProcess({}),
    );
    expect(answer.AccessKeyId).toBe('ASIA1');
    expect(warnings.join('\n')).toContain('Not enough disk space.');
  });
});
