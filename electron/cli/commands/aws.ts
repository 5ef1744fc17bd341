// `authdesk aws register|resync|session|credential-process`: AWS virtual MFA devices end to end, on
// the one AWS use case (use-cases/aws-mfa.ts), over the running app when it answers (the agent: no
// password, the session cache in its memory) or over the vault unlocked with the password (the
// session cache in an encrypted file beside the vault).
import { closeSync, openSync } from 'node:fs';
import { WriteStream } from 'node:tty';
import { displayName } from '../../../shared/account';
import { AuthdeskError } from '../../../shared/errors';
import { createOtpEngine } from '../../../shared/otp';
import type { SessionCredentials } from '../../agent/protocol';
import { sdkAws } from '../../aws/sdk-aws';
import {
  SESSION_CACHE_PURPOSE,
  SessionCacheFile,
  sessionCachePathFor,
} from '../../aws/session-cache';
import type { Clock } from '../../ports';
import { AwsMfa, localMfaVault, type MfaVault } from '../../use-cases/aws-mfa';
import { askAgent, askAgentOrFail } from '../agent-door';
import { agentMfaVault } from '../agent-mfa-vault';
import { codeClockOf, openUnlocked, passwordSource, type CliContext } from '../context';
import { controllingTerminal, type Terminal } from '../terminal';

export const AWS_SUBCOMMANDS = ['register', 'resync', 'session', 'credential-process'] as const;
export type AwsSubcommand = (typeof AWS_SUBCOMMANDS)[number];

export interface AwsOptions {
  user?: string;
  deviceName?: string;
  profile?: string;
  duration?: string;
  format?: string;
  account?: string;
}

/**
 * Set in this process's environment while credential-process asks AWS, so that the SDK's own
 * credential_process child (a source profile that runs authdesk again) is recognised and refused
 * instead of calling itself for ever.
 */
const NESTED_MARK = 'AUTHDESK_CREDENTIAL_PROCESS';

export async function awsCommand(
  ctx: CliContext,
  sub: AwsSubcommand,
  query: string | undefined,
  opts: AwsOptions,
): Promise<void> {
  const durationSeconds = parseDuration(opts.duration);
  const format = parseFormat(opts.format);
  // Checked before the vault is opened or the app asked: a usage error costs nothing.
  if (sub === 'register' && !opts.user?.trim()) {
    throw new AuthdeskError('INVALID_ARGUMENT', '"aws register" needs --user NAME (the IAM user).');
  }
  if (sub === 'credential-process' && !opts.profile?.trim()) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      '"aws credential-process" needs --profile PROFILE: the source profile, with the long-term keys.',
    );
  }
  if (sub === 'credential-process') {
    if (process.env[NESTED_MARK] === '1') {
      throw new AuthdeskError(
        'INVALID_ARGUMENT',
        `The source profile (--profile ${opts.profile ?? ''}) itself gets its credentials from ` +
          '`authdesk aws credential-process`. Give --profile the profile that holds the long-term ' +
          'access keys, not the one that uses credential_process.',
      );
    }
    process.env[NESTED_MARK] = '1';
  }
  await withMfaVault(ctx, sub, async (vault, clock) => {
    const aws = new AwsMfa({
      aws: sdkAws(),
      vault,
      clock,
      warn: (message) => ctx.err(`authdesk: ${message}`),
    });
    switch (sub) {
      case 'register': {
        const account = await aws.register({
          user: opts.user ?? '',
          deviceName: opts.deviceName,
          profile: opts.profile,
        });
        ctx.out(
          `Registered and enabled the MFA device ${account.awsSerial ?? ''} for the IAM user ` +
            `${opts.user ?? ''}; its account "${displayName(account)}" is in the vault.`,
        );
        return;
      }
      case 'resync': {
        const account = await aws.resync({
          query: query ?? (await onlyDeviceAccount(vault)),
          user: opts.user,
          profile: opts.profile,
        });
        ctx.out(`Resynchronised the MFA device ${account.awsSerial ?? ''} with AWS.`);
        return;
      }
      case 'session': {
        const { session } = await aws.session({ query, profile: opts.profile, durationSeconds });
        ctx.out(format === 'json' ? sessionJson(session) : sessionExports(session));
        return;
      }
      case 'credential-process': {
        const output = await aws
          .credentialProcess({ profile: opts.profile, query: opts.account })
          .catch(async (error: unknown) => {
            throw await explainSelfReference(error, opts.profile!);
          });
        ctx.out(JSON.stringify(output));
        return;
      }
    }
  });
}

/**
 * Runs `work` over the running app's vault when it answers, else over the vault unlocked with the
 * password. credential-process is run by another program (`aws`) whose standard streams are not the
 * user's: it asks the password only on the controlling terminal, and without one it stops with
 * AGENT_UNAVAILABLE.
 */
async function withMfaVault(
  ctx: CliContext,
  sub: AwsSubcommand,
  work: (vault: MfaVault, clock: Clock) => Promise<void>,
): Promise<void> {
  const unattended = sub === 'credential-process' && !ctx.passwordStdin;
  const agent = unattended
    ? await askAgentOrFail(ctx, `aws ${sub}`, hasControllingTerminal)
    : await askAgent(ctx, `aws ${sub}`);
  if (agent) {
    try {
      await work(agentMfaVault(agent, sessionCachePathFor(ctx.vaultPath)), await codeClockOf(ctx));
    } finally {
      agent.close();
    }
    return;
  }
  const tty = unattended ? openControllingTerminal() : null;
  try {
    const passwords = tty ? passwordSource(tty.terminal, undefined, ctx.err) : ctx.passwords;
    const vault = await openUnlocked({ ...ctx, passwords });
    const clock = await codeClockOf(ctx);
    const cache = new SessionCacheFile({
      path: sessionCachePathFor(ctx.vaultPath),
      key: vault.derivedKey(SESSION_CACHE_PURPOSE),
      clock,
    });
    try {
      const timers = {
        setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
        clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout),
      };
      const engine = createOtpEngine();
      await work(localMfaVault({ vault, engine, clock, timers, cache }), clock);
    } finally {
      cache.dispose();
      vault.lock();
    }
  } finally {
    tty?.close();
  }
}

/** The id of the one account with an MFA device ARN, when no query names one (as session does). */
async function onlyDeviceAccount(vault: MfaVault): Promise<string> {
  const devices = (await vault.list()).filter((a) => a.awsSerial);
  if (devices.length === 1) return devices[0]!.id;
  if (devices.length === 0) {
    throw new AuthdeskError(
      'AWS_NO_SERIAL',
      'No account has an MFA device ARN. Register a device with `authdesk aws register --user NAME`, ' +
        "or add the ARN to the account in Authdesk's Edit dialog.",
    );
  }
  throw new AuthdeskError(
    'INVALID_ARGUMENT',
    `${devices.length} accounts have an MFA device ARN; name the one to resync (authdesk aws resync QUERY):\n` +
      devices.map((a) => `  ${displayName(a)}  ${a.awsSerial ?? ''}`).join('\n'),
  );
}

/**
 * No credentials for the source profile, and that profile's own credential_process is authdesk's:
 * the profile that uses credential_process was given as its own source. Its nested run stopped at
 * NESTED_MARK; the SDK reports only "no credentials", so this says why (read with the SDK's loader).
 */
async function explainSelfReference(error: unknown, profile: string): Promise<unknown> {
  if (!(error instanceof AuthdeskError) || error.code !== 'AWS_NO_CREDENTIALS') return error;
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  const { env } = process;
  const files = await loadSharedConfigFiles({
    ignoreCache: true,
    ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
    ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
  }).catch(() => null);
  const command =
    files?.configFile[profile]?.credential_process ??
    files?.credentialsFile[profile]?.credential_process;
  if (!command || !/\bcredential-process\b/u.test(command)) return error;
  return new AuthdeskError(
    'AWS_NO_CREDENTIALS',
    `The profile "${profile}" itself gets its credentials from \`authdesk aws credential-process\`: ` +
      'give --profile the source profile, the one with the long-term access keys, not the profile ' +
      'that uses credential_process.',
  );
}

function hasControllingTerminal(): boolean {
  try {
    closeSync(openSync('/dev/tty', 'r'));
    return true;
  } catch {
    return false;
  }
}

/** The terminal the user sits at, even when standard input and error are another program's pipes. */
function openControllingTerminal(): { terminal: Terminal; close(): void } {
  let output: WriteStream;
  try {
    output = new WriteStream(openSync('/dev/tty', 'w'));
  } catch {
    throw new AuthdeskError(
      'AGENT_UNAVAILABLE',
      'Authdesk is not running with this vault unlocked, and there is no terminal to ask the vault ' +
        'password on: start Authdesk and unlock the vault, then try again.',
    );
  }
  return { terminal: controllingTerminal(output), close: () => output.destroy() };
}

function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/u.test(text)) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      `--duration takes a number of seconds (900 to 129600), not "${text}".`,
    );
  }
  return Number(text);
}

function parseFormat(text: string | undefined): 'env' | 'json' {
  if (text === undefined || text === 'env' || text === 'json') return text ?? 'env';
  throw new AuthdeskError('INVALID_ARGUMENT', `--format takes env or json, not "${text}".`);
}

/** POSIX shell single quotes: safe for any text, including quotes of its own. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/gu, `'\\''`)}'`;
}

/** `eval "$(authdesk aws session)"`: the variables every AWS SDK and the aws command read. */
function sessionExports(session: SessionCredentials): string {
  return [
    ['AWS_ACCESS_KEY_ID', session.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', session.secretAccessKey],
    ['AWS_SESSION_TOKEN', session.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', session.expiration],
  ]
    .map(([name, value]) => `export ${name}=${shellQuote(value!)}`)
    .join('\n');
}

/** The shape `aws sts get-session-token` prints, so scripts that read it read this too. */
function sessionJson(session: SessionCredentials): string {
  return JSON.stringify(
    {
      Credentials: {
        AccessKeyId: session.accessKeyId,
        SecretAccessKey: session.secretAccessKey,
        SessionToken: session.sessionToken,
        Expiration: session.expiration,
      },
    },
    null,
    2,
  );
}
