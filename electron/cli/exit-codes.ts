// The authdesk command's exit codes (documented in the README), derived from stable error codes.
import type { ErrorCode } from '../../shared/errors';

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  password: 3,
  noMatch: 4,
  ambiguous: 5,
  vaultMissingOrExists: 6,
  vaultCorrupt: 7,
  vaultBusy: 8,
  badAccount: 9,
  /** scan: an image could not be read, or held no two-step verification QR code; icon: the picture. */
  imageProblem: 10,
  /** import: the file is not one Authdesk imports, or is damaged, too new or too large. */
  fileProblem: 11,
  /** The running app's user chose Deny. */
  agentDenied: 12,
  /** Nobody answered the running app's question in time. */
  agentTimeout: 13,
  /** No unlocked app to ask, and no terminal to ask the password on. */
  agentUnavailable: 14,
  /** AWS refused the MFA code(s). */
  awsCodeRejected: 15,
  /** This computer's clock is off by more than a code step. */
  awsClockOff: 16,
  /** The IAM user already has an MFA device, or the device name is taken. */
  awsDeviceExists: 17,
  /** AWS throttled the request. */
  awsThrottled: 18,
  /** AWS could not be reached. */
  awsNetwork: 19,
  /** No AWS credentials for the profile. */
  awsNoCredentials: 20,
  /** The account has no MFA device ARN. */
  awsNoSerial: 21,
  /** Any other AWS error. */
  awsRefused: 22,
  /** sync: not set up on this device (or removed from the sync by another device). */
  syncOff: 23,
  /** sync: the sync folder cannot be reached (missing, unmounted, no permission). */
  syncUnreachable: 24,
  /** sync: the folder cannot be started or joined that way (in use, nothing to join, the code). */
  syncSetupRefused: 25,
  /** sync: the round ran, but a device's files were held back (rollback, damaged, not whole yet). */
  syncProblem: 26,
  /** Ctrl+C at a prompt (128 + SIGINT, as shells report it). */
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What each exit code means, as the help prints it. */
export const EXIT_MEANING: Record<ExitCode, string> = {
  [EXIT.ok]: 'success',
  [EXIT.failure]: 'other failure (e.g. disk full, no permission)',
  [EXIT.usage]: 'usage error (unknown option, missing argument, no terminal for a prompt)',
  [EXIT.password]: 'wrong or refused password',
  [EXIT.noMatch]: 'no account matches the query (tags: the vault has no such tag)',
  [EXIT.ambiguous]: 'several accounts match the query (they are listed)',
  [EXIT.vaultMissingOrExists]: 'vault not found (or, for init, it already exists)',
  [EXIT.vaultCorrupt]: 'vault damaged, from a newer Authdesk, or replaced while in use',
  [EXIT.vaultBusy]: 'vault busy (another process holds its lock)',
  [EXIT.badAccount]: 'the account data was refused (bad URI or secret key, duplicate)',
  [EXIT.imageProblem]:
    'scan: an image could not be read or held no two-step verification QR code; icon: the picture could not be used',
  [EXIT.fileProblem]:
    'import: the file is not one Authdesk imports, or is damaged, too new or too large',
  [EXIT.agentDenied]: 'the running app was asked and the user chose Deny',
  [EXIT.agentTimeout]: 'the running app was asked and nobody answered in time',
  [EXIT.agentUnavailable]: 'no unlocked app to ask and no terminal to ask the password on',
  [EXIT.awsCodeRejected]: 'aws: AWS refused the MFA code(s) (wrong, used, expired, out of sync)',
  [EXIT.awsClockOff]: "aws: this computer's clock is off by more than a code step",
  [EXIT.awsDeviceExists]: 'aws: the user already has an MFA device, or the name is taken',
  [EXIT.awsThrottled]: 'aws: AWS throttled the request; try again later',
  [EXIT.awsNetwork]: 'aws: AWS could not be reached',
  [EXIT.awsNoCredentials]: 'aws: no AWS credentials for the profile',
  [EXIT.awsNoSerial]: 'aws: the account has no MFA device ARN',
  [EXIT.awsRefused]: 'aws: AWS refused the request (its message is printed)',
  [EXIT.syncOff]: 'sync: not set up on this device, or another device removed it',
  [EXIT.syncUnreachable]:
    'sync: the sync folder cannot be reached (missing, unmounted, no permission)',
  [EXIT.syncSetupRefused]:
    'sync: cannot start or join that way (folder in use, nothing to join, wrong or expired code, no sync password)',
  [EXIT.syncProblem]:
    "sync: some device's files were held back (old copy put back, damaged, not whole yet, too new); the problems are printed",
  [EXIT.cancelled]: 'cancelled at a prompt (Ctrl+C)',
};

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'WRONG_PASSWORD':
    case 'UNLOCK_THROTTLED': // the app's; the CLI is not throttled (see unlock-throttle.ts)
    case 'PASSWORD_INVALID':
    case 'PASSWORD_REQUIRED':
      return EXIT.password;
    case 'SYNC_PASSWORD_WRONG':
      return EXIT.password;
    case 'SYNC_OFF':
    case 'SYNC_REMOVED':
      return EXIT.syncOff;
    case 'SYNC_FOLDER_UNREACHABLE':
      return EXIT.syncUnreachable;
    case 'SYNC_ALREADY_ON':
    case 'SYNC_FOLDER_IN_USE':
    case 'SYNC_NOTHING_TO_JOIN':
    case 'SYNC_PAIRING_WRONG':
    case 'SYNC_PAIRING_EXPIRED':
    case 'SYNC_NO_PASSWORD':
      return EXIT.syncSetupRefused;
    case 'SYNC_ROLLBACK':
    case 'SYNC_WAITING':
    case 'SYNC_FILE_DAMAGED':
    case 'SYNC_TOO_NEW':
    case 'SYNC_IDENTITY_CLASH':
      return EXIT.syncProblem;
    case 'SYNC_DEVICE_NOT_FOUND':
      return EXIT.noMatch;
    case 'FILE_UNRECOGNIZED':
    case 'FILE_CORRUPT':
    case 'FILE_TOO_NEW':
    case 'FILE_TOO_LARGE':
      return EXIT.fileProblem;
    case 'ACCOUNT_NOT_FOUND':
    case 'TAG_NOT_FOUND':
      return EXIT.noMatch;
    case 'ICON_UNREADABLE':
    case 'ICON_TOO_LARGE':
    case 'IMAGE_TOO_LARGE':
    case 'IMAGE_UNREADABLE':
      return EXIT.imageProblem;
    case 'VAULT_NOT_FOUND':
    case 'VAULT_EXISTS':
      return EXIT.vaultMissingOrExists;
    case 'VAULT_CORRUPT':
    case 'VAULT_REPLACED':
      return EXIT.vaultCorrupt;
    case 'VAULT_BUSY':
      return EXIT.vaultBusy;
    case 'INVALID_ARGUMENT':
      return EXIT.usage;
    case 'CANCELLED': // the window's; the CLI is cancelled by Ctrl+C, which ends it at once
      return EXIT.cancelled;
    case 'AGENT_DENIED':
      return EXIT.agentDenied;
    case 'AGENT_TIMEOUT':
      return EXIT.agentTimeout;
    case 'AGENT_UNAVAILABLE':
      return EXIT.agentUnavailable;
    case 'AWS_CODE_REJECTED':
      return EXIT.awsCodeRejected;
    case 'AWS_CLOCK_OFF':
      return EXIT.awsClockOff;
    case 'AWS_DEVICE_EXISTS':
      return EXIT.awsDeviceExists;
    case 'AWS_THROTTLED':
      return EXIT.awsThrottled;
    case 'AWS_NETWORK':
      return EXIT.awsNetwork;
    case 'AWS_NO_CREDENTIALS':
      return EXIT.awsNoCredentials;
    case 'AWS_NO_SERIAL':
      return EXIT.awsNoSerial;
    case 'AWS_REFUSED':
      return EXIT.awsRefused;
    case 'AGENT_PROTOCOL':
    case 'AGENT_SOCKET_UNSAFE':
    case 'IO_ERROR':
    case 'VAULT_LOCKED':
    case 'KEYCHAIN_FAILED': // the app's; the CLI unlocks with the password only
    case 'KEYCHAIN_UNAVAILABLE':
    case 'INTERNAL_ERROR':
      return EXIT.failure;
    default:
      // URI, secret, algorithm, migration and account errors: the input describing an account was refused.
      return EXIT.badAccount;
  }
}
