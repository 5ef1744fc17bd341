// AWS, end to end: register a virtual MFA device (its seed straight into the vault, enabled with two
// consecutive codes taken at a safe moment), resync it, and turn a fresh code into session
// credentials, cached for credential_process. Every door calls this one use case: the window over
// the app's vault, `authdesk aws` over the vault it unlocks or over the running app (the agent).
// Nothing is left half-done: a device created but not enabled is deleted, and its account removed.
import {
  DEFAULT_OTP,
  displayName,
  toMeta,
  type AccountInput,
  type AccountMeta,
} from '../../shared/account';
import { pairTiming } from '../../shared/code-pair';
import { AuthdeskError } from '../../shared/errors';
import type { OtpEngine } from '../../shared/otp';
import type { SessionCredentials } from '../agent/protocol';
import { AwsError, clockVerdict } from '../aws/aws-errors';
import { accountOf, type AwsPort, type AwsPortFactory, type CallerIdentity } from '../aws/aws-port';
import { sessionKey, type SessionStore } from '../aws/session-cache';
import type { Clock, Timers } from '../ports';
import type { Vault } from '../vault/vault';
import { codeAt } from './codes';
import { AccountQueryError, findAccount } from './find-account';

/** The issuer of a registered device's account: what AWS's own QR code says. */
export const AWS_ISSUER = 'Amazon Web Services';
/** A cached session is used only while more than this is left of it. */
export const SESSION_MARGIN_MS = 5 * 60_000;
/** GetSessionToken's bounds for an IAM user's session (15 minutes to 36 hours). */
export const SESSION_SECONDS = { min: 900, max: 129_600 } as const;

/** What AwsMfa needs from the vault: the local vault (password path) or the running app (agent). */
export interface MfaVault {
  list(): Promise<AccountMeta[]>;
  /** The one account the query names (the command line's rules); ACCOUNT_NOT_FOUND otherwise. */
  find(query: string): Promise<AccountMeta>;
  get(id: string): Promise<AccountMeta>;
  add(input: AccountInput): Promise<AccountMeta>;
  setSerial(id: string, awsSerial: string): Promise<AccountMeta>;
  /** Removes an account this same MfaVault added (undoing a failed registration). */
  removeAdded(id: string): Promise<void>;
  /** Two consecutive codes, taken with at least SAFE_PAIR_MS of the step left (waiting if not). */
  pair(id: string): Promise<{ current: string; next: string }>;
  /** The current code of a time-based account. */
  code(id: string): Promise<string>;
  sessionGet(key: string): Promise<SessionCredentials | null>;
  sessionPut(key: string, session: SessionCredentials): Promise<void>;
  /**
   * Runs a cache look-up, the AWS call on a miss and the store while no other command does the
   * same for `key` (AWS takes a code once: two commands at once would both send it). Optional.
   */
  sessionExclusive?<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** The `credential_process` answer the AWS CLI and SDKs read. */
export interface CredentialProcessOutput {
  Version: 1;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
}

export interface AwsMfaDeps {
  aws: AwsPortFactory;
  vault: MfaVault;
  /** The clock codes are read on (this computer's, plus any correction): compared with AWS's. */
  clock: Clock;
  /** Hears what went wrong without failing the request (a session that could not be cached). */
  warn?: (message: string) => void;
}

export class AwsMfa {
  readonly #deps: AwsMfaDeps;

  constructor(deps: AwsMfaDeps) {
    this.#deps = deps;
  }

  /**
   * CreateVirtualMFADevice → the seed into the vault as a TOTP account with the device ARN → two
   * consecutive codes at a safe moment → EnableMFADevice. On any failure after the device was
   * created, the device is deleted and the account removed; the error says what AWS answered and
   * what could not be undone.
   */
  async register(input: {
    user: string;
    deviceName?: string;
    path?: string;
    profile?: string;
    issuer?: string;
    label?: string;
  }): Promise<AccountMeta> {
    const user = required(input.user, 'the IAM user name (--user)');
    const port = this.#deps.aws(input.profile);
    const name = input.deviceName?.trim() || user;
    const device = await port.createVirtualMfaDevice(name, input.path).catch((error: unknown) => {
      // The answer, not the request, may be what was lost: then the device exists, unknown to us.
      if (error instanceof AuthdeskError && error.code === 'AWS_NETWORK') {
        addToMessage(
          error,
          ` If AWS created the virtual MFA device "${name}" before the connection failed, it is not ` +
            'enabled: delete it in IAM (aws iam delete-virtual-mfa-device --serial-number ' +
            `arn:aws:iam::ACCOUNT_ID:mfa/${name}) before trying again.`,
        );
      }
      throw error;
    });
    const { vault } = this.#deps;
    let account: AccountMeta | undefined;
    let enabling = false;
    try {
      account = await vault.add({
        ...DEFAULT_OTP,
        secret: device.seed,
        issuer: input.issuer?.trim() || AWS_ISSUER,
        label: input.label?.trim() || labelFor(user, device.serial),
        awsSerial: device.serial,
      });
      const { current, next } = await vault.pair(account.id);
      enabling = true;
      await this.#judgeClock(port.enableMfaDevice(user, device.serial, current, next), account);
      return account;
    } catch (error) {
      const kept = await this.#undoRegistration(port, device.serial, account, enabling, error);
      if (kept) return kept;
      throw error;
    }
  }

  /** EnableMFADevice for an account that already holds a device's seed and ARN (the window's helper). */
  async enableExisting(input: {
    accountId: string;
    user: string;
    profile?: string;
  }): Promise<AccountMeta> {
    const user = required(input.user, 'the IAM user name');
    const account = withSerial(await this.#deps.vault.get(input.accountId));
    const port = this.#deps.aws(input.profile);
    const { current, next } = await this.#deps.vault.pair(account.id);
    await this.#judgeClock(port.enableMfaDevice(user, account.awsSerial, current, next), account);
    return account;
  }

  /**
   * ResyncMFADevice with two consecutive codes. The user defaults to the caller's own name when the
   * profile's credentials are an IAM user's.
   */
  async resync(input: { query: string; user?: string; profile?: string }): Promise<AccountMeta> {
    const account = withSerial(await this.#deps.vault.find(input.query));
    const port = this.#deps.aws(input.profile);
    const user = input.user?.trim() || (await this.#callerUserName(port));
    const { current, next } = await this.#deps.vault.pair(account.id);
    await this.#judgeClock(port.resyncMfaDevice(user, account.awsSerial, current, next), account);
    return account;
  }

  /** GetSessionToken with the account's ARN and a fresh code. */
  async session(input: {
    query?: string;
    profile?: string;
    durationSeconds?: number;
  }): Promise<{ account: AccountMeta; session: SessionCredentials }> {
    const duration = checkDuration(input.durationSeconds);
    const account = await this.#awsAccount(input.query);
    const port = this.#deps.aws(input.profile);
    const session = await this.#newSession(port, account, duration);
    return { account, session };
  }

  /**
   * The credential_process answer: the cached session while more than SESSION_MARGIN_MS is left of
   * it, else a new one (a fresh code), cached for the next call.
   */
  async credentialProcess(input: {
    profile?: string;
    query?: string;
  }): Promise<CredentialProcessOutput> {
    const account = await this.#awsAccount(input.query);
    const port = this.#deps.aws(input.profile);
    const key = sessionKey(port.profile, account.awsSerial);
    const { vault } = this.#deps;
    const work = () => this.#cachedSession(port, account, key);
    return vault.sessionExclusive ? vault.sessionExclusive(key, work) : work();
  }

  async #cachedSession(
    port: AwsPort,
    account: AccountMeta & { awsSerial: string },
    key: string,
  ): Promise<CredentialProcessOutput> {
    const cached = await this.#deps.vault.sessionGet(key);
    if (cached && Date.parse(cached.expiration) - this.#deps.clock.now() > SESSION_MARGIN_MS) {
      return processOutput(cached);
    }
    const session = await this.#newSession(port, account, undefined);
    try {
      await this.#deps.vault.sessionPut(key, session);
    } catch (error) {
      this.#deps.warn?.(
        `The new AWS session was not cached (${(error as Error).message}); the next call asks AWS again.`,
      );
    }
    return processOutput(session);
  }

  /** Who the profile's credentials are (the window's user-name default). */
  async awsIdentity(profile?: string): Promise<CallerIdentity> {
    return this.#deps.aws(profile).getCallerIdentity();
  }

  async #newSession(
    port: AwsPort,
    account: AccountMeta & { awsSerial: string },
    durationSeconds: number | undefined,
  ): Promise<SessionCredentials> {
    const code = await this.#deps.vault.code(account.id);
    return this.#judgeClock(
      port.getSessionToken(account.awsSerial, code, durationSeconds),
      account,
    );
  }

  /** The account a session is for: the query's, or the only one with an ARN. */
  async #awsAccount(query: string | undefined): Promise<AccountMeta & { awsSerial: string }> {
    if (query !== undefined && query.trim() !== '') {
      return withSerial(await this.#deps.vault.find(query));
    }
    const withArn = (await this.#deps.vault.list()).filter((a) => a.awsSerial);
    if (withArn.length === 1) return withSerial(withArn[0]!);
    if (withArn.length === 0) {
      throw new AuthdeskError(
        'AWS_NO_SERIAL',
        'No account has an MFA device ARN. Register a device with `authdesk aws register --user NAME`, ' +
          "or add the ARN to the account in Authdesk's Edit dialog.",
      );
    }
    throw new AccountQueryError(
      'ambiguous',
      `${withArn.length} accounts have an MFA device ARN; name the one to use:\n` +
        withArn.map((a) => `  ${displayName(a)}  ${a.awsSerial}`).join('\n'),
    );
  }

  async #callerUserName(port: AwsPort): Promise<string> {
    const identity = await port.getCallerIdentity();
    if (identity.userName) return identity.userName;
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      `The profile "${port.profile}" is not an IAM user (${identity.arn}): name the user the device ` +
        'belongs to with --user.',
    );
  }

  /** A refused code is the clock's fault when AWS's clock is more than a step from the codes'. */
  async #judgeClock<T>(call: Promise<T>, account: AccountMeta): Promise<T> {
    try {
      return await call;
    } catch (error) {
      throw clockVerdict(error, this.#deps.clock.now(), account.period);
    }
  }

  /**
   * Deletes the device and removes the account after a failed registration, and adds to `error`'s
   * message what happened. Returns the account when the device turns out to be enabled after all
   * (EnableMFADevice's answer was lost, and AWS refuses to delete an enabled device).
   */
  async #undoRegistration(
    port: AwsPort,
    serial: string,
    account: AccountMeta | undefined,
    enabling: boolean,
    error: unknown,
  ): Promise<AccountMeta | null> {
    let deleted = true;
    try {
      await port.deleteVirtualMfaDevice(serial);
    } catch (deleteError) {
      if (enabling && account && isDeleteConflict(deleteError)) {
        this.#deps.warn?.(
          `EnableMFADevice failed (${(error as Error).message}), but AWS says the device ${serial} ` +
            'is in use: it was enabled, and its account is kept.',
        );
        return account;
      }
      deleted = false;
      addToMessage(
        error,
        ` The new MFA device could not be deleted (${(deleteError as Error).message}): delete ` +
          `${serial} in IAM (aws iam delete-virtual-mfa-device --serial-number ${serial}).`,
      );
    }
    let removed = true;
    if (account) {
      try {
        await this.#deps.vault.removeAdded(account.id);
      } catch (removeError) {
        removed = false;
        addToMessage(
          error,
          ` Its account ${displayName(account)} could not be removed from the vault ` +
            `(${(removeError as Error).message}): remove it in Authdesk.`,
        );
      }
    }
    if (deleted && removed) {
      addToMessage(error, ' The new MFA device was deleted and no account was kept.');
    }
    return null;
  }
}

/**
 * The vault as AwsMfa needs it, when this process holds it unlocked (the window; the command line on
 * the password path). Codes are read on `clock`; the wait for a safe moment runs on `timers`.
 */
export function localMfaVault(deps: {
  vault: Vault;
  engine: OtpEngine;
  clock: Clock;
  timers: Timers;
  cache: SessionStore;
}): MfaVault {
  const { vault, engine, clock, timers, cache } = deps;
  const added = new Set<string>();
  const timeBased = (id: string) => {
    const account = vault.get(id);
    if (account.type !== 'totp') {
      throw new AuthdeskError(
        'INVALID_ARGUMENT',
        `${displayName(account)} is not a time-based (TOTP) account, as AWS virtual MFA devices are.`,
      );
    }
    return account;
  };
  return {
    list: async () => vault.list().map(toMeta),
    find: async (query) => toMeta(findAccount(vault.list(), query)),
    get: async (id) => toMeta(vault.get(id)),
    add: async (input) => {
      const account = await vault.add(input);
      added.add(account.id);
      return toMeta(account);
    },
    setSerial: async (id, awsSerial) => toMeta(await vault.update(id, { awsSerial })),
    removeAdded: async (id) => {
      if (!added.has(id)) {
        throw new AuthdeskError(
          'INVALID_ARGUMENT',
          'Only an account added here can be removed here.',
        );
      }
      await vault.remove(id);
      added.delete(id);
    },
    pair: async (id) => {
      for (;;) {
        const account = timeBased(id);
        const now = clock.now();
        const timing = pairTiming(now, account.period);
        if (timing.safe) {
          const codes = engine.codesAt(account, now);
          return { current: codes.current, next: codes.next };
        }
        await new Promise<void>((resolve) => timers.setTimeout(resolve, timing.waitMs));
      }
    },
    code: async (id) => codeAt(engine, timeBased(id), clock.now(), 'current').code,
    sessionGet: (key) => cache.get(key),
    sessionPut: (key, session) => cache.put(key, session),
    ...(cache.exclusive && {
      sessionExclusive: <T>(_key: string, work: () => Promise<T>) => cache.exclusive!(work),
    }),
  };
}

/** "alice@123456789012", as AWS's own QR code names the device (with the account's ID for its alias). */
function labelFor(user: string, serial: string): string {
  const account = accountOf(serial);
  return account ? `${user}@${account}` : user;
}

function required(value: string | undefined, what: string): string {
  const trimmed = value?.trim();
  if (!trimmed) throw new AuthdeskError('INVALID_ARGUMENT', `Missing ${what}.`);
  return trimmed;
}

function withSerial(account: AccountMeta): AccountMeta & { awsSerial: string } {
  if (!account.awsSerial) {
    throw new AuthdeskError(
      'AWS_NO_SERIAL',
      `${displayName(account)} has no MFA device ARN. Add it in Authdesk's Edit dialog, or register ` +
        'a device with `authdesk aws register --user NAME`.',
    );
  }
  return account as AccountMeta & { awsSerial: string };
}

function checkDuration(seconds: number | undefined): number | undefined {
  if (seconds === undefined) return undefined;
  if (
    !Number.isInteger(seconds) ||
    seconds < SESSION_SECONDS.min ||
    seconds > SESSION_SECONDS.max
  ) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      `The session duration must be a whole number of seconds from ${SESSION_SECONDS.min} to ` +
        `${SESSION_SECONDS.max} (15 minutes to 36 hours).`,
    );
  }
  return seconds;
}

function processOutput(session: SessionCredentials): CredentialProcessOutput {
  return {
    Version: 1,
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: session.expiration,
  };
}

function isDeleteConflict(error: unknown): boolean {
  const code = error instanceof AwsError ? error.awsCode : null;
  return code === 'DeleteConflict' || code === 'DeleteConflictException';
}

/** Errors cross to the doors as they are (their code and exit code); only the message grows. */
function addToMessage(error: unknown, text: string): void {
  if (error instanceof Error) error.message += text;
}
