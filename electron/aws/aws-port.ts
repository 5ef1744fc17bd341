// The IAM and STS calls Authdesk makes for one AWS profile: register, resync and delete a virtual MFA
// device, and turn an MFA code into session credentials. sdk-aws.ts implements it with the AWS SDK;
// tests use a fake. Every method throws AuthdeskError with an AWS_* code (aws-errors.ts).
import type { SessionCredentials } from '../agent/protocol';

export interface CreatedDevice {
  /** The device ARN (arn:aws:iam::123456789012:mfa/NAME): the account's awsSerial. */
  serial: string;
  /** Base32 seed. Goes straight into the vault; never printed, logged or put in a message. */
  seed: string;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  /** The IAM user's name when the caller is an IAM user (arn:…:user/PATH/NAME), else null. */
  userName: string | null;
}

export interface AwsPort {
  /** The profile the SDK uses (the one given, else AWS_PROFILE, else "default"): for messages and cache keys. */
  readonly profile: string;
  createVirtualMfaDevice(name: string, path?: string): Promise<CreatedDevice>;
  enableMfaDevice(user: string, serial: string, code1: string, code2: string): Promise<void>;
  resyncMfaDevice(user: string, serial: string, code1: string, code2: string): Promise<void>;
  deleteVirtualMfaDevice(serial: string): Promise<void>;
  getSessionToken(
    serial: string,
    code: string,
    durationSeconds?: number,
  ): Promise<SessionCredentials>;
  getCallerIdentity(): Promise<CallerIdentity>;
}

/** One port per profile; no profile means the SDK's default (AWS_PROFILE, else "default"). */
export type AwsPortFactory = (profile?: string) => AwsPort;

/** The user name in an IAM user's ARN (arn:aws:iam::123456789012:user/division/alice → alice), else null. */
export function userNameOf(arn: string): string | null {
  const match = /^arn:[\w-]+:iam::\d+:user\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match ? match[1]! : null;
}

/** The account in an IAM ARN (arn:aws:iam::123456789012:mfa/alice → 123456789012), else null. */
export function accountOf(arn: string): string | null {
  return /^arn:[\w-]+:(?:iam|sts)::(\d+):/.exec(arn)?.[1] ?? null;
}
