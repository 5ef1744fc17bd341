// Every error code Authdesk reports. Main returns { code, message }; the renderer and CLI translate the code.

export const ERROR_CODES = [
  // otpauth:// and base32 parsing
  'URI_SCHEME', // not otpauth:// or otpauth-migration://
  'URI_MALFORMED', // not a URL at all, or a broken percent-encoding
  'URI_TYPE', // otpauth://<type>/ is not totp or hotp
  'LABEL_INVALID', // empty or unusable label
  'SECRET_MISSING',
  'SECRET_INVALID', // not base32, or empty after decoding
  'ALGORITHM_UNSUPPORTED',
  'DIGITS_INVALID',
  'PERIOD_INVALID',
  'COUNTER_INVALID',
  // Google Authenticator export
  'MIGRATION_MALFORMED',
  'MIGRATION_UNSUPPORTED', // e.g. MD5 or an unknown OTP type inside an otherwise valid export
  // vault
  'WRONG_PASSWORD',
  'UNLOCK_THROTTLED', // too many wrong passwords in a row: refused until retryAfterMs has passed
  'PASSWORD_INVALID', // empty, or not acceptable as a new password
  'VAULT_NOT_FOUND',
  'VAULT_EXISTS',
  'VAULT_CORRUPT',
  'VAULT_LOCKED',
  'VAULT_BUSY',
  'VAULT_REPLACED', // the file on disk no longer opens with the held key, or is older than the one held: locked
  'KEYCHAIN_FAILED', // the OS keychain did not open the system slot (reset, other machine, tampered): use the password
  'KEYCHAIN_UNAVAILABLE', // no usable OS keychain (Linux without libsecret or KWallet falls back to basic_text)
  'IO_ERROR',
  // images and QR codes
  'IMAGE_UNREADABLE', // not a PNG, JPEG, WebP, GIF or BMP, or a damaged one
  'IMAGE_TOO_LARGE', // over 50 MB or 100 megapixels
  'QR_NOT_FOUND',
  // account icons and tags
  'ICON_UNREADABLE', // not a PNG, JPEG, WebP or SVG picture, or a damaged or unsafe one
  'ICON_TOO_LARGE', // the resized picture still does not fit ICON_LIMITS.maxStoredBytes, or the store is full
  'TAG_EXISTS', // a tag of that name already exists (create)
  'TAG_NOT_FOUND', // rename or remove of a tag the vault does not have
  'TAG_LIMIT', // ACCOUNT_LIMITS.tags in the vault or tagsPerAccount on an account
  'QR_NOT_OTP', // a QR code that is not an otpauth:// or otpauth-migration:// link
  'SCREEN_CAPTURE_DENIED', // the OS refused (macOS permission, Wayland portal)
  'IMPORT_EXPIRED', // the pending import was dropped (10 minutes passed, or the vault locked)
  // backups and other apps' files
  'FILE_UNRECOGNIZED', // neither an Authdesk backup nor a format Authdesk imports
  'FILE_CORRUPT', // a known format, but truncated, damaged or tampered with
  'FILE_TOO_NEW', // made by a newer Authdesk (a format version this one does not read)
  'FILE_TOO_LARGE', // over the size limit for an import file
  'PASSWORD_REQUIRED', // the file is encrypted: ask for its password
  'CANCELLED', // the user cancelled a running unlock or import; whatever it produced was discarded
  // accounts
  'ACCOUNT_NOT_FOUND',
  'ACCOUNT_DUPLICATE',
  'ACCOUNT_INVALID',
  'ACCOUNT_PUSH_ONLY', // signs in by approval on the phone (Microsoft work/school, Duo Push): no code secret to carry
  'SECRET_DEVICE_BOUND', // the secret is encrypted with a key only the phone holds (Android Keystore)
  // the time server (clock-drift check)
  'TIME_SERVER_UNREACHABLE', // DNS failure, timeout, network or port unreachable
  'TIME_SERVER_INVALID', // an answer that is malformed, unsynchronised, a kiss-o'-death or not ours
  'CLOCK_OFFSET_TOO_LARGE', // beyond the 5 minutes codes are ever corrected by: set the computer's clock
  'CLOCK_OFFSET_CHANGED', // the offset to accept is no longer the one measured: look at the new one
  // folders main writes to
  'FOLDER_NOT_LOCAL', // a network (UNC) or device path: Authdesk writes backups only to local folders
  'FOLDER_CHOICE_EXPIRED', // not a folder main's dialog returned, or chosen too long ago: choose it again
  // the agent: the running app answering the authdesk command (electron/agent/)
  'AGENT_DENIED', // the user chose Deny in the app's question
  'AGENT_TIMEOUT', // nobody answered the app's question in time
  'AGENT_UNAVAILABLE', // no unlocked app to ask and no terminal to ask the password on
  'AGENT_PROTOCOL', // a malformed, oversized or other-version message on the agent channel
  'AGENT_SOCKET_UNSAFE', // the agent's folder or socket is not the user's own (owner, mode, link)
  // AWS (use-cases/aws-mfa.ts, through the AWS SDK)
  'AWS_CODE_REJECTED', // AWS refused the MFA code(s): wrong, already used, expired or out of sync
  'AWS_CLOCK_OFF', // this computer's clock is off by more than a code step from AWS's
  'AWS_DEVICE_EXISTS', // the IAM user already has an MFA device (or the device name is taken)
  'AWS_THROTTLED', // AWS asked to slow down
  'AWS_NETWORK', // AWS could not be reached (DNS, connection, timeout)
  'AWS_NO_CREDENTIALS', // the profile (or environment) has no AWS credentials
  'AWS_NO_SERIAL', // the account has no MFA device ARN stored
  'AWS_REFUSED', // any other AWS error: the message says what AWS answered
  // sync through a folder (electron/sync/, use-cases/sync*.ts)
  'SYNC_OFF', // sync is not set up on this device
  'SYNC_ALREADY_ON', // sync is already set up here: stop it first to use another folder
  'SYNC_FOLDER_UNREACHABLE', // the sync folder is missing or cannot be read or written (an unmounted share): paused
  'SYNC_FOLDER_IN_USE', // starting sync in a folder that already holds other devices' sync: join it instead
  'SYNC_NOTHING_TO_JOIN', // joining a folder that holds no sync: start sync on the first device
  'SYNC_PAIRING_WRONG', // no pairing offer in the folder opens with that code (a typo, or another folder)
  'SYNC_PAIRING_EXPIRED', // the pairing code is older than 10 minutes: show a new one
  'SYNC_PASSWORD_WRONG', // the sync password does not open the folder's password file
  'SYNC_NO_PASSWORD', // no device of the folder set a sync password: use a pairing code
  'SYNC_ROLLBACK', // a device's files are older than what was already merged (an old copy put back)
  'SYNC_WAITING', // a device's file is missing or not whole yet (the sync service is still copying)
  'SYNC_FILE_DAMAGED', // a sync file fails its check (damaged, or sealed with a key this device does not hold)
  'SYNC_TOO_NEW', // a device writes a sync format this Authdesk does not read: update it
  'SYNC_REMOVED', // another device removed this one from the sync (the key changed without it)
  'SYNC_DEVICE_NOT_FOUND', // no device with that id in the sync
  'SYNC_IDENTITY_CLASH', // another computer writes under this device's id (a copied vault file)
  // anything that crossed a boundary in the wrong shape
  'INVALID_ARGUMENT',
  // a bug: logged in main, shown to the user only as "something went wrong"
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The serialisable form that crosses IPC and is printed by the CLI. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /**
   * When a retry can succeed, in milliseconds from when main answered (UNLOCK_THROTTLED, and the
   * WRONG_PASSWORD that starts a wait). A duration, not a time: the renderer counts it on its own clock.
   */
  retryAfterMs?: number;
}

export class AuthdeskError extends Error {
  readonly code: ErrorCode;
  readonly retryAfterMs: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
    this.name = 'AuthdeskError';
    this.code = code;
    this.retryAfterMs = options?.retryAfterMs;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    if (this.retryAfterMs !== undefined) info.retryAfterMs = this.retryAfterMs;
    return info;
  }
}

export function isAuthdeskError(value: unknown): value is AuthdeskError {
  return value instanceof AuthdeskError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
