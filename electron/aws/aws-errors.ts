// What the AWS SDK throws, as the AuthdeskError a user can act on: a rejected code (or a clock that is
// off), a device that already exists, throttling, no network, no credentials, or AWS's own answer.
// Messages name the profile and quote AWS; they never hold a seed or a code.
import { AuthdeskError, isAuthdeskError, type ErrorCode } from '../../shared/errors';

/** The calls the messages name. */
export type AwsAction =
  | 'CreateVirtualMFADevice'
  | 'EnableMFADevice'
  | 'ResyncMFADevice'
  | 'DeactivateMFADevice'
  | 'DeleteVirtualMFADevice'
  | 'GetSessionToken'
  | 'GetCallerIdentity';

/** An AWS_* error, with what AWS said and when (its Date header) where that is known. */
export class AwsError extends AuthdeskError {
  /** AWS's error code ("InvalidAuthenticationCode", "Throttling"), or null for network and credentials errors. */
  readonly awsCode: string | null;
  /** AWS's clock when it answered (the Date header, whole seconds), or null. */
  readonly serverTimeMs: number | null;

  constructor(
    code: ErrorCode,
    message: string,
    details: { awsCode?: string | null; serverTimeMs?: number | null; cause?: unknown } = {},
  ) {
    super(code, message, { cause: details.cause });
    this.awsCode = details.awsCode ?? null;
    this.serverTimeMs = details.serverTimeMs ?? null;
  }
}

export interface AwsErrorContext {
  action: AwsAction;
  profile: string;
  /** The response's Date header, parsed, when a response came. */
  serverTimeMs: number | null;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'NetworkingError']);

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown',
]);

const CLOCK_CODES = new Set([
  'RequestTimeTooSkewed',
  'RequestExpired',
  'InvalidSignatureException',
]);

/** Calls that create or enable a device: there a limit or an existing entity means "a device already". */
const DEVICE_ACTIONS = new Set<AwsAction>(['CreateVirtualMFADevice', 'EnableMFADevice']);

interface SdkLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/** AWS's error code as the Query protocol names it: the SDK's class name without "Exception". */
export function awsErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as SdkLike;
  const raw = typeof e.Code === 'string' ? e.Code : typeof e.name === 'string' ? e.name : null;
  if (!raw || raw === 'Error') return null;
  return raw;
}

function baseName(code: string): string {
  return code.endsWith('Exception') ? code.slice(0, -'Exception'.length) : code;
}

/** The Date header of the response an SDK error came with, or null. */
export function serverTimeOf(error: unknown): number | null {
  const headers = (error as SdkLike | null)?.$response?.headers;
  const date = headers?.date ?? headers?.Date;
  return parseHttpDate(date);
}

export function parseHttpDate(value: string | undefined | null): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

function messageOf(error: unknown): string {
  const raw = (error as SdkLike | null)?.message;
  const text = typeof raw === 'string' ? raw.trim() : '';
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

function isNetworkError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkLike & { cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.name === 'string' && NETWORK_NAMES.has(e.name)) return true;
  // AggregateError from a connection attempt to several addresses (IPv4 and IPv6).
  if (Array.isArray(e.errors) && e.errors.some(isNetworkError)) return true;
  return e.cause !== undefined && e.cause !== error && isNetworkError(e.cause);
}

function isCredentialsError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as SdkLike).name;
  return (
    name === 'CredentialsProviderError' || name === 'TokenProviderError' || name === 'ProviderError'
  );
}

/** An MFA code that AWS refused: IAM's InvalidAuthenticationCode, STS's AccessDenied for MFA. */
function isCodeRejection(code: string, message: string): boolean {
  const base = baseName(code);
  if (base === 'InvalidAuthenticationCode') return true;
  return base === 'AccessDenied' && /MultiFactorAuthentication|\bMFA\b/i.test(message);
}

/** A user-facing AwsError for any error an SDK call threw. Already mapped errors pass through. */
export function toAwsError(error: unknown, context: AwsErrorContext): AuthdeskError {
  if (isAuthdeskError(error)) return error;
  const { action, profile } = context;
  const serverTimeMs = context.serverTimeMs ?? serverTimeOf(error);
  const said = messageOf(error);

  if (isCredentialsError(error)) {
    return new AwsError(
      'AWS_NO_CREDENTIALS',
      `No AWS credentials for profile "${profile}"${said ? ` (${said})` : ''}. ` +
        `Configure them (aws configure --profile ${profile}, or the AWS_ACCESS_KEY_ID and ` +
        'AWS_SECRET_ACCESS_KEY environment variables; for SSO, sign in again with aws sso login ' +
        `--profile ${profile}), or name another profile with --profile.`,
      { cause: error },
    );
  }
  const code = awsErrorCode(error);
  // An SDK error without a service code and a network cause: nothing reached AWS, or no answer came.
  if (isNetworkError(error) && (code === null || NETWORK_NAMES.has(code))) {
    return new AwsError(
      'AWS_NETWORK',
      `AWS could not be reached for ${action} (${said || 'no answer'}). Check the network ` +
        'connection, a proxy, or the endpoint settings (AWS_ENDPOINT_URL), and try again.',
      { cause: error },
    );
  }
  if (code === null) {
    return new AwsError('AWS_REFUSED', `${action} failed: ${said || 'an unknown error'}.`, {
      cause: error,
      serverTimeMs,
    });
  }
  const base = baseName(code);
  const details = { awsCode: code, serverTimeMs, cause: error };
  const quoted = `AWS answered ${code}${said ? `: ${said}` : ''}`;

  if (isCodeRejection(code, said)) {
    return new AwsError(
      'AWS_CODE_REJECTED',
      `AWS refused the MFA code${action === 'GetSessionToken' ? '' : 's'} (${quoted}). ` +
        'A code is refused when it is wrong, already used or from another step: wait for new ' +
        "codes (the next step) and try again. If it keeps failing, check this computer's clock.",
      details,
    );
  }
  if (CLOCK_CODES.has(base) || CLOCK_CODES.has(code)) {
    return new AwsError(
      'AWS_CLOCK_OFF',
      `AWS refused the request because of this computer's clock (${quoted}). Set the clock ` +
        "(Authdesk's Settings › Time checks it), and try again.",
      details,
    );
  }
  if ((base === 'EntityAlreadyExists' || base === 'LimitExceeded') && DEVICE_ACTIONS.has(action)) {
    return new AwsError(
      'AWS_DEVICE_EXISTS',
      action === 'CreateVirtualMFADevice'
        ? `AWS did not create the MFA device (${quoted}). A virtual MFA device with that name ` +
            'already exists, or the account has as many as it may: choose another name with ' +
            '--device-name, or delete the unused device in IAM.'
        : `AWS did not enable the MFA device (${quoted}). The user already has an MFA device ` +
            '(or as many as AWS allows): remove the old one in IAM first, or use resync if it is this one.',
      details,
    );
  }
  if (THROTTLING.has(code) || THROTTLING.has(base)) {
    return new AwsError(
      'AWS_THROTTLED',
      `AWS asked to slow down (${quoted}). Wait a minute and try again.`,
      details,
    );
  }
  return new AwsError(
    'AWS_REFUSED',
    `${action} was refused for profile "${profile}": ${quoted}.`,
    details,
  );
}

/**
 * A refused code whose answer came from a clock more than a step away from the one the codes were
 * read on is the clock's fault: AWS_CLOCK_OFF, saying by how much. Otherwise the error unchanged.
 * `codeClockNowMs` is the codes' clock (this computer's, plus any correction) when the answer came.
 */
export function clockVerdict(
  error: unknown,
  codeClockNowMs: number,
  periodSeconds: number,
): unknown {
  if (!(error instanceof AwsError) || error.code !== 'AWS_CODE_REJECTED') return error;
  if (error.serverTimeMs === null) return error;
  // AWS's Date has whole seconds: allow the second it truncates.
  const offsetMs = error.serverTimeMs - codeClockNowMs;
  const slackMs = 1000;
  if (Math.abs(offsetMs) <= periodSeconds * 1000 + slackMs) return error;
  return new AwsError(
    'AWS_CLOCK_OFF',
    `AWS refused the MFA code, and its clock says this computer's clock is ${describeOffset(offsetMs)}: ` +
      `more than the ${periodSeconds}-second step a code lasts. Set this computer's clock (Authdesk's ` +
      'Settings › Time checks it and can correct codes), then try again.',
    { awsCode: error.awsCode, serverTimeMs: error.serverTimeMs, cause: error },
  );
}

/** "42 s behind" / "2 min 5 s ahead": true (AWS's) time minus ours. */
export function describeOffset(offsetMs: number): string {
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const amount = minutes > 0 ? `${minutes} min ${seconds} s` : `${seconds} s`;
  return `${amount} ${offsetMs > 0 ? 'behind' : 'ahead'}`;
}
