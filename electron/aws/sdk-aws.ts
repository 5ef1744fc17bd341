// AwsPort with the AWS SDK for JavaScript v3 (IAM and STS clients), loaded on the first call only so
// no other command pays for it. Credentials, region and endpoints come from the SDK's own chain for
// the profile (environment, ~/.aws/config and credentials, AWS_ENDPOINT_URL[_IAM|_STS]); IAM and STS
// fall back to us-east-1 when no region is configured. A call that carries MFA codes is sent once:
// retrying EnableMFADevice would send codes AWS has already seen.
import type * as IamSdk from '@aws-sdk/client-iam';
import type { CreateVirtualMFADeviceCommandOutput } from '@aws-sdk/client-iam';
import type * as StsSdk from '@aws-sdk/client-sts';
import type {
  GetCallerIdentityCommandOutput,
  GetSessionTokenCommandOutput,
} from '@aws-sdk/client-sts';
import type { SessionCredentials } from '../agent/protocol';
import { toAwsError, parseHttpDate, type AwsAction } from './aws-errors';
import {
  userNameOf,
  type AwsPort,
  type AwsPortFactory,
  type CallerIdentity,
  type CreatedDevice,
} from './aws-port';

type IamModule = typeof IamSdk;
type StsModule = typeof StsSdk;
type IamClient = InstanceType<IamModule['IAMClient']>;
type StsClient = InstanceType<StsModule['STSClient']>;

/** The region IAM and STS are asked in when none is configured (IAM is global; its home is here). */
export const FALLBACK_REGION = 'us-east-1';

export interface SdkAwsOptions {
  /** Where the profile's name is read when none is given (AWS_PROFILE); the SDK reads process.env itself. */
  env?: NodeJS.ProcessEnv;
  /** Milliseconds to connect, and to wait for an answer. */
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
}

interface Sent<T> {
  output: T;
}

/** Everything a command's middleware stack needs from us: the Date header of its response. */
interface Dated {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<{ response: unknown }>,
      ) => (args: unknown) => Promise<{ response: unknown }>,
      options: { step: 'deserialize'; priority: 'low'; name: string },
    ): void;
  };
}

export function sdkAws(options: SdkAwsOptions = {}): AwsPortFactory {
  return (profile) => new SdkAwsPort(profile, options);
}

class SdkAwsPort implements AwsPort {
  readonly profile: string;
  readonly #given: string | undefined;
  readonly #options: SdkAwsOptions;
  #region: Promise<string> | undefined;
  readonly #clients = new Map<string, Promise<IamClient | StsClient>>();

  constructor(profile: string | undefined, options: SdkAwsOptions) {
    this.#given = profile;
    this.#options = options;
    this.profile = profile ?? (options.env ?? process.env).AWS_PROFILE ?? 'default';
  }

  async createVirtualMfaDevice(name: string, path?: string): Promise<CreatedDevice> {
    const iam = await loadIam();
    const client = await this.#iam(true);
    const { output } = await this.#send<CreateVirtualMFADeviceCommandOutput>(
      'CreateVirtualMFADevice',
      client,
      new iam.CreateVirtualMFADeviceCommand({
        VirtualMFADeviceName: name,
        ...(path ? { Path: path } : {}),
      }),
    );
    const device = output.VirtualMFADevice;
    const seedBytes = device?.Base32StringSeed;
    const serial = device?.SerialNumber;
    if (!seedBytes?.length || !serial) {
      // A device without its seed can never be used: it must not stay behind.
      if (serial) await this.deleteVirtualMfaDevice(serial).catch(() => undefined);
      throw toAwsError(new Error('AWS answered without the device ARN or its secret key'), {
        action: 'CreateVirtualMFADevice',
        profile: this.profile,
        serverTimeMs: null,
      });
    }
    // Base32StringSeed is the Base32 text as bytes (read in place, then zeroed, as is the QR PNG).
    const view = Buffer.from(seedBytes.buffer, seedBytes.byteOffset, seedBytes.byteLength);
    const seed = view.toString('ascii').replace(/=+$/, '').toUpperCase();
    seedBytes.fill(0);
    device.QRCodePNG?.fill(0);
    return { serial, seed };
  }

  async enableMfaDevice(user: string, serial: string, code1: string, code2: string): Promise<void> {
    const iam = await loadIam();
    await this.#send(
      'EnableMFADevice',
      await this.#iam(true),
      new iam.EnableMFADeviceCommand({
        UserName: user,
        SerialNumber: serial,
        AuthenticationCode1: code1,
        AuthenticationCode2: code2,
      }),
    );
  }

  async resyncMfaDevice(user: string, serial: string, code1: string, code2: string): Promise<void> {
    const iam = await loadIam();
    await this.#send(
      'ResyncMFADevice',
      await this.#iam(true),
      new iam.ResyncMFADeviceCommand({
        UserName: user,
        SerialNumber: serial,
        AuthenticationCode1: code1,
        AuthenticationCode2: code2,
      }),
    );
  }

  async deleteVirtualMfaDevice(serial: string): Promise<void> {
    const iam = await loadIam();
    try {
      await this.#send(
        'DeleteVirtualMFADevice',
        await this.#iam(false),
        new iam.DeleteVirtualMFADeviceCommand({
          SerialNumber: serial,
        }),
      );
    } catch (error) {
      // Gone already (a retry after a lost answer): what was asked for is done.
      if ((error as { awsCode?: unknown }).awsCode === 'NoSuchEntityException') return;
      if ((error as { awsCode?: unknown }).awsCode === 'NoSuchEntity') return;
      throw error;
    }
  }

  async getSessionToken(
    serial: string,
    code: string,
    durationSeconds?: number,
  ): Promise<SessionCredentials> {
    const sts = await loadSts();
    const { output } = await this.#send<GetSessionTokenCommandOutput>(
      'GetSessionToken',
      await this.#sts(true),
      new sts.GetSessionTokenCommand({
        SerialNumber: serial,
        TokenCode: code,
        ...(durationSeconds !== undefined ? { DurationSeconds: durationSeconds } : {}),
      }),
    );
    const c = output.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw toAwsError(new Error('AWS answered without complete credentials'), {
        action: 'GetSessionToken',
        profile: this.profile,
        serverTimeMs: null,
      });
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: new Date(c.Expiration).toISOString(),
    };
  }

  async getCallerIdentity(): Promise<CallerIdentity> {
    const sts = await loadSts();
    const { output } = await this.#send<GetCallerIdentityCommandOutput>(
      'GetCallerIdentity',
      await this.#sts(false),
      new sts.GetCallerIdentityCommand({}),
    );
    const arn = output.Arn ?? '';
    return { account: output.Account ?? '', arn, userName: userNameOf(arn) };
  }

  /** Sends one command; any failure becomes an AWS_* error carrying AWS's Date header. */
  async #send<T>(
    action: AwsAction,
    client: IamClient | StsClient,
    command: object,
  ): Promise<Sent<T>> {
    let serverTimeMs: number | null = null;
    (command as Dated).middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const headers = (result.response as { headers?: Record<string, string | undefined> })
          .headers;
        serverTimeMs = parseHttpDate(headers?.date ?? headers?.Date);
        return result;
      },
      { step: 'deserialize', priority: 'low', name: 'authdeskServerDate' },
    );
    try {
      const output = (await (client as { send(c: object): Promise<unknown> }).send(command)) as T;
      return { output };
    } catch (error) {
      throw toAwsError(error, { action, profile: this.profile, serverTimeMs });
    }
  }

  #iam(once: boolean): Promise<IamClient> {
    return this.#client(`iam:${once}`, async () => {
      const { IAMClient } = await loadIam();
      return new IAMClient({ ...(await this.#config(once)) });
    }) as Promise<IamClient>;
  }

  #sts(once: boolean): Promise<StsClient> {
    return this.#client(`sts:${once}`, async () => {
      const { STSClient } = await loadSts();
      return new STSClient({ ...(await this.#config(once)) });
    }) as Promise<StsClient>;
  }

  #client(key: string, make: () => Promise<IamClient | StsClient>): Promise<IamClient | StsClient> {
    let client = this.#clients.get(key);
    if (!client) {
      client = make();
      this.#clients.set(key, client);
    }
    return client;
  }

  async #config(once: boolean) {
    return {
      ...(this.#given !== undefined ? { profile: this.#given } : {}),
      region: await this.#regionOnce(),
      requestHandler: {
        connectionTimeout: this.#options.connectTimeoutMs ?? 10_000,
        requestTimeout: this.#options.requestTimeoutMs ?? 30_000,
      },
      ...(once ? { maxAttempts: 1 } : {}),
    };
  }

  #regionOnce(): Promise<string> {
    this.#region ??= this.#configuredRegion();
    return this.#region;
  }

  /** The region the SDK's chain finds for the profile (environment, config file), else us-east-1. */
  async #configuredRegion(): Promise<string> {
    // The SDK reads ~/.aws/config and credentials once per process and keeps them: read them again,
    // so the app (which runs for days) sees a profile configured after it started.
    const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
    await loadSharedConfigFiles({ ignoreCache: true });
    const { STSClient } = await loadSts();
    const probe = new STSClient(this.#given !== undefined ? { profile: this.#given } : {});
    try {
      const region = await probe.config.region();
      return region || FALLBACK_REGION;
    } catch {
      return FALLBACK_REGION; // "Region is missing": nothing configured
    } finally {
      probe.destroy();
    }
  }
}

let iamModule: Promise<IamModule> | undefined;
let stsModule: Promise<StsModule> | undefined;

/**
 * The SDK warns on stderr, once, that its future versions will need a newer Node. Authdesk's users
 * cannot act on that, and `authdesk aws` prints its own output there: quiet, unless the user decided.
 */
function quietSdk(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

function loadIam(): Promise<IamModule> {
  quietSdk();
  iamModule ??= import('@aws-sdk/client-iam');
  return iamModule;
}

function loadSts(): Promise<StsModule> {
  quietSdk();
  stsModule ??= import('@aws-sdk/client-sts');
  return stsModule;
}
