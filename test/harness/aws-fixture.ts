// What a test of `authdesk aws` needs around the command: the local IAM/STS endpoint with the user
// alice and her long-term key, a vault in a temp folder, AWS config and credentials files there (the
// SDK's standard chain reads them; nothing of this machine's ~/.aws), and an environment that points
// every AWS client at the endpoint and no command at a running app.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AccountInput, AccountMeta } from '../../shared/account';
import { createOtpEngine } from '../../shared/otp';
import { AgentServer } from '../../electron/agent/server';
import { systemClock } from '../../electron/clock/clock';
import type { Choice, ChoicePort } from '../../electron/ports';
import { READ_ANSWERS } from '../../electron/use-cases/agent-question';
import { AgentService } from '../../electron/use-cases/agent-service';
import { Vault } from '../../electron/vault/vault';
import { AwsTestEndpoint, type AwsKeys } from './aws-endpoint';
import { runCli, type CliResult } from './cli';
import { FAST_KDF, PASSWORD } from './vault-fixtures';

export { PASSWORD };

/** The profile holding alice's long-term key, and one that has none. */
export const SOURCE_PROFILE = 'src';
export const EMPTY_PROFILE = 'nokeys';

export interface AwsFixture {
  dir: string;
  vault: string;
  endpoint: AwsTestEndpoint;
  alice: AwsKeys;
  configFile: string;
  credentialsFile: string;
  /** The environment every spawned command gets (AWS_ENDPOINT_URL, the temp config files, …). */
  env: Record<string, string | undefined>;
  /**
   * `authdesk --vault VAULT --password-stdin ARGS…` with the password on standard input
   * (`passwordStdin: false` leaves the option and the password out).
   */
  cli(
    args: string[],
    opts?: {
      stdin?: string;
      env?: Record<string, string | undefined>;
      noTerminal?: boolean;
      passwordStdin?: boolean;
    },
  ): Promise<CliResult>;
  /** Adds accounts straight to the vault file (another process, as the app would). */
  addAccounts(...inputs: AccountInput[]): Promise<AccountMeta[]>;
  /** The vault's accounts, with their secrets, as a second process reads them. */
  accounts(): Promise<(AccountMeta & { secret: string })[]>;
  close(): Promise<void>;
}

/** Every variable through which this machine's own AWS setup could leak into a test. */
const AWS_ENV_CLEARED = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ENDPOINT_URL_IAM',
  'AWS_ENDPOINT_URL_STS',
  'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_VAULT',
  'AUTHDESK_VAULT',
  'AUTHDESK_CREDENTIAL_PROCESS',
];

export async function awsFixture(): Promise<AwsFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'authdesk-aws-'));
  const endpoint = await AwsTestEndpoint.start();
  const alice = endpoint.addUser('alice');
  const vault = path.join(dir, 'vault.json');
  const created = await Vault.create(vault, PASSWORD, { kdf: FAST_KDF });
  created.lock();

  const configFile = path.join(dir, 'aws', 'config');
  const credentialsFile = path.join(dir, 'aws', 'credentials');
  await mkdir(path.dirname(configFile), { recursive: true });
  await writeFile(
    configFile,
    `[profile ${SOURCE_PROFILE}]\nregion = us-east-1\n\n[profile ${EMPTY_PROFILE}]\nregion = us-east-1\n`,
  );
  await writeFile(
    credentialsFile,
    `[${SOURCE_PROFILE}]\naws_access_key_id = ${alice.accessKeyId}\n` +
      `aws_secret_access_key = ${alice.secretAccessKey}\n`,
  );
  const env: Record<string, string | undefined> = {
    ...Object.fromEntries(AWS_ENV_CLEARED.map((name) => [name, undefined])),
    HOME: dir,
    XDG_CONFIG_HOME: path.join(dir, 'xdg'),
    // Nothing listens here: the password path, whatever runs on this machine.
    AUTHDESK_AGENT_SOCKET: path.join(dir, 'no-agent', 'agent.sock'),
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_ENDPOINT_URL: endpoint.url,
    AWS_EC2_METADATA_DISABLED: 'true',
  };

  const open = async () => {
    const v = await Vault.open(vault);
    await v.unlock(PASSWORD);
    return v;
  };
  return {
    dir,
    vault,
    endpoint,
    alice,
    configFile,
    credentialsFile,
    env,
    cli: (args, opts = {}) =>
      runCli(
        ['--vault', vault, ...(opts.passwordStdin === false ? [] : ['--password-stdin']), ...args],
        {
          stdin: opts.stdin ?? (opts.passwordStdin === false ? '' : `${PASSWORD}\n`),
          env: { ...env, ...opts.env },
          noTerminal: opts.noTerminal,
        },
      ),
    async addAccounts(...inputs) {
      const v = await open();
      try {
        const added: AccountMeta[] = [];
        for (const input of inputs) added.push(await v.add(input));
        return added;
      } finally {
        v.lock();
      }
    },
    async accounts() {
      const v = await open();
      try {
        return v.list().map((a) => ({ ...a }));
      } finally {
        v.lock();
      }
    },
    async close() {
      await endpoint.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A TOTP account for a device the endpoint knows (its seed and ARN), as registration leaves it. */
export function deviceAccount(
  device: { seed: string; serial: string },
  label = 'alice',
): AccountInput {
  return {
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: device.seed,
    issuer: 'Amazon Web Services',
    label,
    awsSerial: device.serial,
  };
}

export interface RunningApp {
  /** The socket the app listens on: give it to the command as AUTHDESK_AGENT_SOCKET. */
  socket: string;
  /** The app's own vault, unlocked with the fixture's password. */
  vault: Vault;
  /** Every question the app asked, in order. */
  asked: Choice[];
  /** How the app's user answers: allow (reading until locked; adding) or deny. */
  answer: 'allow' | 'deny';
  /** Locks the app's vault, as the user or the idle timer does. */
  lock(): void;
  close(): Promise<void>;
}

/**
 * The running, unlocked app as the command sees it: the real AgentServer and AgentService (the ones
 * the app composes) over the fixture's vault, on a socket in a folder only this user can open. Its
 * user answers every question at once, as `answer` says.
 */
export async function runningApp(f: AwsFixture): Promise<RunningApp> {
  const folder = path.join(f.dir, 'agent');
  await mkdir(folder, { mode: 0o700 });
  const vault = await Vault.open(f.vault);
  await vault.unlock(PASSWORD);
  const app: RunningApp = {
    socket: path.join(folder, 'agent.sock'),
    vault,
    asked: [],
    answer: 'allow',
    lock: () => undefined,
    close: async () => {
      await server.close();
      vault.lock();
    },
  };
  const choices: ChoicePort = {
    choose: async (choice) => {
      app.asked.push(choice);
      const allow =
        choice.buttons.length === READ_ANSWERS.length ? READ_ANSWERS.indexOf('until-locked') : 0;
      return app.answer === 'allow' ? allow : choice.cancelId;
    },
  };
  const service = new AgentService({
    vault,
    engine: createOtpEngine(),
    clock: systemClock,
    timers: {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    },
    choices,
    language: () => 'en',
    version: 'test',
    vaultPath: f.vault,
  });
  app.lock = () => {
    vault.lock();
    service.locked(); // as the app's vault `locked` event does
  };
  const server = new AgentServer({
    path: app.socket,
    handle: (conn, request) => service.handle(conn, request),
    onClose: (conn) => service.closed(conn),
  });
  await server.listen();
  return app;
}
