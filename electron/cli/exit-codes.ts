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
  /** scan: an image could not be read, or held no two-step verification QR code. */
  imageProblem: 10,
  /** import: the file is not one Authdesk imports, or is damaged, too new or too large. */
  fileProblem: 11,
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
  [EXIT.noMatch]: 'no account matches the query',
  [EXIT.ambiguous]: 'several accounts match the query (they are listed)',
  [EXIT.vaultMissingOrExists]: 'vault not found (or, for init, it already exists)',
  [EXIT.vaultCorrupt]: 'vault damaged, from a newer Authdesk, or replaced while in use',
  [EXIT.vaultBusy]: 'vault busy (another process holds its lock)',
  [EXIT.badAccount]: 'the account data was refused (bad URI or secret key, duplicate)',
  [EXIT.imageProblem]: 'scan: an image could not be read or held no two-step verification QR code',
  [EXIT.fileProblem]:
    'import: the file is not one Authdesk imports, or is damaged, too new or too large',
  [EXIT.cancelled]: 'cancelled at a prompt (Ctrl+C)',
};

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'WRONG_PASSWORD':
    case 'UNLOCK_THROTTLED': // the app's; the CLI is not throttled (see unlock-throttle.ts)
    case 'PASSWORD_INVALID':
    case 'PASSWORD_REQUIRED':
      return EXIT.password;
    case 'FILE_UNRECOGNIZED':
    case 'FILE_CORRUPT':
    case 'FILE_TOO_NEW':
    case 'FILE_TOO_LARGE':
      return EXIT.fileProblem;
    case 'ACCOUNT_NOT_FOUND':
      return EXIT.noMatch;
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
