// A small local IAM and STS endpoint for the tests (no AWS account is reachable from here): HTTP on
// 127.0.0.1, AWS's Query protocol (form-encoded Action=…&Version=…, XML answers shaped as the IAM and
// STS API references show them), so that the real AWS SDK clients and the real `aws` command talk to
// it unchanged. It keeps users, long-term keys, virtual MFA devices and issued sessions, checks every
// request's SigV4 signature, and checks MFA codes as AWS documents: two consecutive codes of the
// current window (RFC 6238, ±1 step) to enable or resync, one to get a session, none used twice.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';
import { encodeBase32 } from '../../shared/base32';
import { totpCode } from '../../shared/otp';
import { amzDateMs, parseAuthorization, signatureMatches, type ReceivedRequest } from './aws-sigv4';

export const TEST_ACCOUNT = '123456789012';

const IAM_VERSION = '2010-05-08';
const STS_VERSION = '2011-06-15';
const NAMESPACE = {
  iam: `https://iam.amazonaws.com/doc/${IAM_VERSION}/`,
  sts: `https://sts.amazonaws.com/doc/${STS_VERSION}/`,
} as const;
type Service = keyof typeof NAMESPACE;

const IAM_ACTIONS = [
  'CreateVirtualMFADevice',
  'EnableMFADevice',
  'ResyncMFADevice',
  'DeactivateMFADevice',
  'DeleteVirtualMFADevice',
  'ListMFADevices',
] as const;
const STS_ACTIONS = ['GetSessionToken', 'GetCallerIdentity'] as const;
export type AwsAction = (typeof IAM_ACTIONS)[number] | (typeof STS_ACTIONS)[number];

const PERIOD_MS = 30_000;
/** AWS refuses a request signed more than 15 minutes away from its own clock. */
const MAX_SIGNATURE_SKEW_MS = 15 * 60_000;
const MAX_BODY_BYTES = 1024 * 1024;
/** GetSessionToken's DurationSeconds for an IAM user: 15 minutes to 36 hours, 12 hours by default. */
export const SESSION_SECONDS = { min: 900, max: 129_600, default: 43_200 } as const;

export interface AwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

/** An error as AWS answers it: HTTP status and the <ErrorResponse> document's Type, Code and Message. */
export interface AwsErrorAnswer {
  status: number;
  code: string;
  message: string;
  type?: 'Sender' | 'Receiver';
}

export interface MfaDeviceState {
  serial: string;
  name: string;
  /** The Base32 seed AWS generated (what the QR code and Base32StringSeed carry). */
  seed: string;
  /** The IAM user it is enabled for, or null while it is created but not enabled. */
  user: string | null;
  /** The last time step whose code was accepted: codes of this step or earlier are refused. */
  lastStep: number;
}

export interface IssuedSession extends AwsKeys {
  sessionToken: string;
  user: string;
  /** Epoch ms on the endpoint's clock. */
  expiresAt: number;
  mfa: boolean;
}

interface User {
  name: string;
  userId: string;
  keys: Map<string, string>;
  /** Actions this user's policy does not allow (AccessDenied). */
  denied: Set<AwsAction>;
}

class AwsFault extends Error {
  constructor(readonly answer: AwsErrorAnswer) {
    super(answer.message);
  }
}

const fault = (
  status: number,
  code: string,
  message: string,
  type: 'Sender' | 'Receiver' = 'Sender',
) => new AwsFault({ status, code, message, type });

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function randomId(prefix: string, length: number): string {
  return prefix + [...randomBytes(length)].map((b) => ALNUM[b % 32]).join('');
}

function xmlEscape(text: string): string {
  return text.replace(
    /[<>&'"]/gu,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

/** <Name>value</Name> for each defined field, in order; nested objects as pre-built XML. */
function fields(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('');
}
const text = (value: string) => xmlEscape(value);
const isoTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/u, 'Z');

export class AwsTestEndpoint {
  /** This machine's clock as the endpoint reads it; a test may stop it at a chosen moment. */
  clock: () => number = Date.now;
  /** How far the endpoint's clock is ahead of this machine's (ms): AWS's time is now() + this. */
  clockOffsetMs = 0;
  /** Quota MFADevicesPerUser (8 on AWS today; set 1 for the older single-device rule). */
  maxDevicesPerUser = 8;

  private readonly users = new Map<string, User>();
  private readonly keyOwners = new Map<string, string>();
  private readonly deviceList = new Map<string, MfaDeviceState>();
  private readonly sessions = new Map<string, IssuedSession>();
  private readonly counts = new Map<string, number>();
  private readonly signers: { action: AwsAction; accessKeyId: string }[] = [];
  private readonly failures: { action: AwsAction; answer: AwsErrorAnswer | undefined }[] = [];
  private throttled = 0;

  private constructor(
    private readonly server: Server,
    readonly account: string,
  ) {
    server.on('request', (req, res) => void this.serve(req, res));
  }

  static async start(options: { account?: string } = {}): Promise<AwsTestEndpoint> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new AwsTestEndpoint(server, options.account ?? TEST_ACCOUNT);
  }

  /** "http://127.0.0.1:PORT", for the SDK's `endpoint`, AWS_ENDPOINT_URL or `aws --endpoint-url`. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The endpoint's clock (epoch ms). */
  now(): number {
    return this.clock() + this.clockOffsetMs;
  }

  /** Adds an IAM user with one long-term access key (random unless given) and returns the key. */
  addUser(name: string, keys: Partial<AwsKeys> = {}): AwsKeys {
    const key: AwsKeys = {
      accessKeyId: keys.accessKeyId ?? randomId('AKIA', 16),
      secretAccessKey: keys.secretAccessKey ?? randomBytes(30).toString('base64'),
    };
    const user = this.users.get(name) ?? {
      name,
      userId: randomId('AIDA', 17),
      keys: new Map<string, string>(),
      denied: new Set<AwsAction>(),
    };
    user.keys.set(key.accessKeyId, key.secretAccessKey);
    this.users.set(name, user);
    this.keyOwners.set(key.accessKeyId, name);
    return key;
  }

  /** Makes `action` answer AccessDenied for this user, as a policy without it would. */
  deny(userName: string, action: AwsAction): void {
    this.userNamed(userName).denied.add(action);
  }

  userArn(name: string): string {
    return `arn:aws:iam::${this.account}:user/${name}`;
  }

  /** A virtual MFA device created and enabled for `userName` beforehand (returns its state). */
  addEnabledDevice(userName: string, name = userName): MfaDeviceState {
    this.userNamed(userName);
    const device = this.createDevice(name);
    device.user = userName;
    return { ...device };
  }

  devices(): MfaDeviceState[] {
    return [...this.deviceList.values()].map((d) => ({ ...d }));
  }

  device(serial: string): MfaDeviceState | undefined {
    const device = this.deviceList.get(serial);
    return device && { ...device };
  }

  sessionsIssued(): IssuedSession[] {
    return [...this.sessions.values()].map((s) => ({ ...s }));
  }

  /** A device's code at a moment of the endpoint's clock (now by default). */
  codeAt(seed: string, atMs = this.now()): string {
    return totpCode(
      { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, secret: seed },
      atMs,
    );
  }

  /** How many requests named `action` arrived (refused, throttled and failed ones included). */
  calls(action: AwsAction): number {
    return this.counts.get(action) ?? 0;
  }

  /** The access key that signed each authenticated `action` request, in order. */
  signedBy(action: AwsAction): string[] {
    return this.signers.filter((s) => s.action === action).map((s) => s.accessKeyId);
  }

  /** The next `count` requests (any action) answer Throttling, as AWS does when asked too fast. */
  throttleNext(count: number): void {
    this.throttled = count;
  }

  /**
   * The next `action` request fails with `answer`; by default AccessDenied (which the SDK does not
   * retry), as when the user's policy allows creating a device but not this step.
   */
  failNext(action: AwsAction, answer?: AwsErrorAnswer): void {
    this.failures.push({ action, answer });
  }

  // --- the HTTP side -------------------------------------------------------------------------

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let service: Service = 'iam';
    const requestId = randomUUID();
    try {
      const body = await readBody(req);
      if (req.method !== 'POST')
        throw fault(400, 'InvalidAction', 'Use POST (the Query protocol).');
      const form = new URLSearchParams(body.toString('utf8'));
      const action = form.get('Action') ?? '';
      const version = form.get('Version') ?? '';
      const isIam = (IAM_ACTIONS as readonly string[]).includes(action);
      const isSts = (STS_ACTIONS as readonly string[]).includes(action);
      service = isSts ? 'sts' : 'iam';
      if (isIam || isSts) this.counts.set(action, this.calls(action as AwsAction) + 1);
      if ((!isIam && !isSts) || version !== (isIam ? IAM_VERSION : STS_VERSION)) {
        throw fault(
          400,
          'InvalidAction',
          `Could not find operation ${action} for version ${version}`,
        );
      }
      const caller = this.authenticate({
        method: 'POST',
        url: req.url ?? '/',
        headers: req.headers,
        body,
      });
      this.signers.push({ action: action as AwsAction, accessKeyId: caller.accessKeyId });
      if (this.throttled > 0) {
        this.throttled -= 1;
        throw fault(400, 'Throttling', 'Rate exceeded');
      }
      const user = this.userNamed(caller.user);
      const denied = fault(
        403,
        'AccessDenied',
        `User: ${this.userArn(user.name)} is not authorized to perform: ${service}:${action} ` +
          `because no identity-based policy allows the ${service}:${action} action`,
      );
      const failure = this.failures.findIndex((f) => f.action === action);
      if (failure >= 0) {
        const { answer } = this.failures.splice(failure, 1)[0]!;
        throw answer ? new AwsFault(answer) : denied;
      }
      if (user.denied.has(action as AwsAction)) throw denied;
      const result = await this.perform(action as AwsAction, form, caller);
      const xml =
        `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NAMESPACE[service]}">` +
        (result === null ? '' : `<${action}Result>${result}</${action}Result>`) +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
      this.send(res, 200, xml, requestId);
    } catch (error) {
      const answer =
        error instanceof AwsFault
          ? error.answer
          : {
              status: 500,
              code: 'ServiceFailure',
              message: String(error),
              type: 'Receiver' as const,
            };
      const xml =
        `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${NAMESPACE[service]}">` +
        `<Error><Type>${answer.type ?? 'Sender'}</Type><Code>${text(answer.code)}</Code>` +
        `<Message>${text(answer.message)}</Message></Error>` +
        `<RequestId>${requestId}</RequestId></ErrorResponse>`;
      this.send(res, answer.status, xml, requestId);
    }
  }

  private send(res: ServerResponse, status: number, xml: string, requestId: string): void {
    res.writeHead(status, {
      'Content-Type': 'text/xml',
      'Content-Length': Buffer.byteLength(xml),
      'x-amzn-RequestId': requestId,
      // The SDK corrects its clock skew from this header, as it does with AWS's.
      Date: new Date(this.now()).toUTCString(),
    });
    res.end(xml);
  }

  /** Who signed the request: a user's long-term key, or a session this endpoint issued. */
  private authenticate(request: ReceivedRequest): {
    user: string;
    accessKeyId: string;
    session: IssuedSession | null;
  } {
    const auth = parseAuthorization(
      typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined,
    );
    if (!auth) {
      throw fault(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
    }
    const tokenHeader = request.headers['x-amz-security-token'];
    const token = typeof tokenHeader === 'string' ? tokenHeader : undefined;
    const session = this.sessions.get(auth.accessKeyId) ?? null;
    const owner = this.keyOwners.get(auth.accessKeyId);
    let secret: string | undefined;
    if (session) {
      if (token !== session.sessionToken) {
        throw fault(
          403,
          'InvalidClientTokenId',
          'The security token included in the request is invalid.',
        );
      }
      secret = session.secretAccessKey;
    } else if (owner !== undefined && token === undefined) {
      secret = this.users.get(owner)?.keys.get(auth.accessKeyId);
    }
    if (secret === undefined) {
      throw fault(
        403,
        'InvalidClientTokenId',
        'The security token included in the request is invalid.',
      );
    }
    if (!signatureMatches(request, auth, secret)) {
      throw fault(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. ' +
          'Check your AWS Secret Access Key and signing method.',
      );
    }
    const signedAt = amzDateMs(request.headers);
    if (signedAt === null || Math.abs(signedAt - this.now()) > MAX_SIGNATURE_SKEW_MS) {
      throw fault(
        403,
        'SignatureDoesNotMatch',
        `Signature expired: the request was signed at ${String(request.headers['x-amz-date'])}, ` +
          `more than 15 minutes away from ${isoTime(this.now())}.`,
      );
    }
    if (session && session.expiresAt <= this.now()) {
      throw fault(400, 'ExpiredToken', 'The security token included in the request is expired');
    }
    return { user: session ? session.user : owner!, accessKeyId: auth.accessKeyId, session };
  }

  // --- the actions ---------------------------------------------------------------------------

  private async perform(
    action: AwsAction,
    form: URLSearchParams,
    caller: { user: string; session: IssuedSession | null },
  ): Promise<string | null> {
    const param = (name: string): string => {
      const value = form.get(name);
      if (value === null || value === '') {
        throw fault(
          400,
          'ValidationError',
          `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
        );
      }
      return value;
    };
    switch (action) {
      case 'CreateVirtualMFADevice': {
        const device = this.createDevice(param('VirtualMFADeviceName'), form.get('Path') ?? '/');
        const uri =
          `otpauth://totp/Amazon%20Web%20Services:${encodeURIComponent(device.name)}@${this.account}` +
          `?secret=${device.seed}&issuer=Amazon%20Web%20Services`;
        const png = await QRCode.toBuffer(uri, { type: 'png', errorCorrectionLevel: 'M' });
        return (
          '<VirtualMFADevice>' +
          fields({
            SerialNumber: text(device.serial),
            // Blobs travel base64-encoded: the SDK hands back the seed's Base32 text as bytes.
            Base32StringSeed: Buffer.from(device.seed, 'ascii').toString('base64'),
            QRCodePNG: png.toString('base64'),
          }) +
          '</VirtualMFADevice>'
        );
      }
      case 'EnableMFADevice':
      case 'ResyncMFADevice': {
        const user = this.userNamed(param('UserName'));
        const device = this.deviceNamed(param('SerialNumber'));
        if (action === 'EnableMFADevice') {
          if (device.user !== null)
            throw fault(409, 'EntityAlreadyExists', 'MFA Device is already in use.');
          const owned = this.devices().filter((d) => d.user === user.name).length;
          if (owned >= this.maxDevicesPerUser) {
            throw fault(
              409,
              'LimitExceeded',
              `Cannot exceed quota for MFADevicesPerUser: ${this.maxDevicesPerUser}`,
            );
          }
        } else if (device.user !== user.name) {
          throw fault(
            404,
            'NoSuchEntity',
            `MFA Device with serial number ${device.serial} is not enabled for user ${user.name}.`,
          );
        }
        this.acceptPair(device, param('AuthenticationCode1'), param('AuthenticationCode2'));
        if (action === 'EnableMFADevice') device.user = user.name;
        return null;
      }
      case 'DeactivateMFADevice': {
        const user = this.userNamed(param('UserName'));
        const device = this.deviceNamed(param('SerialNumber'));
        if (device.user !== user.name) {
          throw fault(
            404,
            'NoSuchEntity',
            `MFA Device with serial number ${device.serial} is not enabled for user ${user.name}.`,
          );
        }
        device.user = null;
        return null;
      }
      case 'DeleteVirtualMFADevice': {
        const device = this.deviceNamed(param('SerialNumber'));
        if (device.user !== null) throw fault(409, 'DeleteConflict', 'MFA Device is still in use.');
        this.deviceList.delete(device.serial);
        return null;
      }
      case 'ListMFADevices': {
        const name = form.get('UserName') ?? caller.user;
        this.userNamed(name);
        const members = this.devices()
          .filter((d) => d.user === name)
          .map(
            (d) =>
              `<member>${fields({ UserName: text(name), SerialNumber: text(d.serial), EnableDate: isoTime(this.now()) })}</member>`,
          )
          .join('');
        return `<MFADevices>${members}</MFADevices><IsTruncated>false</IsTruncated>`;
      }
      case 'GetSessionToken':
        return this.getSessionToken(form, caller);
      case 'GetCallerIdentity': {
        const user = this.userNamed(caller.user);
        return fields({
          Arn: text(this.userArn(user.name)),
          UserId: user.userId,
          Account: this.account,
        });
      }
    }
  }

  private getSessionToken(
    form: URLSearchParams,
    caller: { user: string; session: IssuedSession | null },
  ): string {
    if (caller.session) {
      throw fault(403, 'AccessDenied', 'Cannot call GetSessionToken with session credentials');
    }
    const durationText = form.get('DurationSeconds');
    const duration = durationText === null ? SESSION_SECONDS.default : Number(durationText);
    if (
      !Number.isInteger(duration) ||
      duration < SESSION_SECONDS.min ||
      duration > SESSION_SECONDS.max
    ) {
      throw fault(
        400,
        'ValidationError',
        `1 validation error detected: Value '${durationText}' at 'durationSeconds' failed to satisfy constraint: ` +
          `Member must have value between ${SESSION_SECONDS.min} and ${SESSION_SECONDS.max}`,
      );
    }
    const serial = form.get('SerialNumber');
    const tokenCode = form.get('TokenCode');
    if (serial !== null) {
      const device = this.deviceList.get(serial);
      if (!device || device.user !== caller.user || tokenCode === null) {
        throw fault(
          403,
          'AccessDenied',
          'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
        );
      }
      const step = this.acceptedStep(device, tokenCode, [-1, 0, 1]);
      if (step === null) {
        throw fault(
          403,
          'AccessDenied',
          'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
        );
      }
      device.lastStep = step;
    }
    const session: IssuedSession = {
      accessKeyId: randomId('ASIA', 16),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      user: caller.user,
      expiresAt: Math.floor(this.now() / 1000) * 1000 + duration * 1000,
      mfa: serial !== null,
    };
    this.sessions.set(session.accessKeyId, session);
    return (
      '<Credentials>' +
      fields({
        AccessKeyId: session.accessKeyId,
        SecretAccessKey: text(session.secretAccessKey),
        SessionToken: text(session.sessionToken),
        Expiration: isoTime(session.expiresAt),
      }) +
      '</Credentials>'
    );
  }

  // --- state ---------------------------------------------------------------------------------

  private userNamed(name: string): User {
    const user = this.users.get(name);
    if (!user) throw fault(404, 'NoSuchEntity', `The user with name ${name} cannot be found.`);
    return user;
  }

  private deviceNamed(serial: string): MfaDeviceState {
    const device = this.deviceList.get(serial);
    if (!device) {
      throw fault(
        404,
        'NoSuchEntity',
        `VirtualMFADevice with serial number ${serial} doesn't exist.`,
      );
    }
    return device;
  }

  private createDevice(name: string, path = '/'): MfaDeviceState {
    if (!/^[\w+=,.@-]{1,226}$/u.test(name)) {
      throw fault(
        400,
        'ValidationError',
        `The specified value for virtualMFADeviceName is invalid.`,
      );
    }
    const serial = `arn:aws:iam::${this.account}:mfa${path}${name}`;
    if (this.deviceList.has(serial)) {
      throw fault(
        409,
        'EntityAlreadyExists',
        'MFADevice entity at the same path and name already exists.',
      );
    }
    // AWS's seeds are 64 Base32 characters (40 random bytes).
    const device: MfaDeviceState = {
      serial,
      name,
      seed: encodeBase32(randomBytes(40)),
      user: null,
      lastStep: -Infinity,
    };
    this.deviceList.set(serial, device);
    return device;
  }

  /** The step `code` belongs to among now's steps + `window`, if it is valid and not used yet. */
  private acceptedStep(device: MfaDeviceState, code: string, window: number[]): number | null {
    const now = Math.floor(this.now() / PERIOD_MS);
    for (const delta of window) {
      const step = now + delta;
      if (step > device.lastStep && this.codeAt(device.seed, step * PERIOD_MS) === code)
        return step;
    }
    return null;
  }

  /** Two consecutive codes: the first of step T-1 or T, the second of the step after it. */
  private acceptPair(device: MfaDeviceState, first: string, second: string): void {
    const step = this.acceptedStep(device, first, [-1, 0]);
    if (step === null || this.codeAt(device.seed, (step + 1) * PERIOD_MS) !== second) {
      throw fault(403, 'InvalidAuthenticationCode', 'Authentication code for device is not valid.');
    }
    device.lastStep = step + 1;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw fault(413, 'RequestEntityTooLarge', 'Request is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
