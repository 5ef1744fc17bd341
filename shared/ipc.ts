// The one IPC contract between the renderer and main: every method, its argument schema and result
// type, and the events main pushes. Main validates arguments with these schemas; nothing else crosses.
import { z } from 'zod';
import type { AccountMeta } from './account';
import { ACCOUNT_LIMITS, ALGORITHMS, OTP_TYPES, STEAM_OTP } from './account';
import { BRAND_SLUG_PATTERN, ICON_HASH_PATTERN, ICON_LIMITS } from './account-icon';
import { AWS_PROFILE_PATTERN, IAM_USER_NAME_PATTERN } from './aws-names';
import type { ErrorInfo } from './errors';
import type { ImportPreview } from './import';
import type { KeychainStatus } from './keychain';
import { OTP_LIMITS } from './otp';
import type { Settings } from './settings';
import { userSettingsSchema } from './settings-schema';
import {
  MAX_BACKUP_KEEP,
  type BackupStatus,
  type FileImportResult,
  type GoogleExportCodes,
  type RevealedAccount,
} from './transfer';
import type { EventName, Method } from './ipc-channels';
import type { ClockStatus } from './time-server';
import type { AgentStatus } from './agent-status';
import {
  DEVICE_NAME_MAX,
  SYNC_PASSWORD_MIN_LENGTH,
  type PairingOffer,
  type SyncStatus,
} from './sync';

export { CHANNEL_PREFIX, EVENTS, METHODS, channelOf } from './ipc-channels';
export type { EventName, Method } from './ipc-channels';

const text = (max: number) => z.string().max(max);
/** An account's text: trimmed, then held to ACCOUNT_LIMITS, as the vault check counts it. */
const field = (max: number) => z.string().trim().max(max);
const id = z.string().min(1).max(64);
/** A tag's name as a door receives it; shared/tags.ts normalises it (the vault checks again). */
const tagName = field(ACCOUNT_LIMITS.tag).min(1);
const tags = z.array(tagName).max(ACCOUNT_LIMITS.tagsPerAccount);
const iconHash = z.string().regex(ICON_HASH_PATTERN);
export const accountIconSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('brand'), slug: z.string().regex(BRAND_SLUG_PATTERN) }),
  z.strictObject({ kind: z.literal('image'), hash: iconHash }),
  z.strictObject({ kind: z.literal('letter') }),
]);
/** An icon file from a drop or a paste: the source limit as base64, plus a little. */
const ICON_BASE64_MAX = Math.ceil(ICON_LIMITS.maxSourceBytes / 3) * 4 + 16;

export const accountInputSchema = z.strictObject({
  issuer: field(ACCOUNT_LIMITS.name),
  label: field(ACCOUNT_LIMITS.name),
  type: z.enum(OTP_TYPES),
  algorithm: z.enum(ALGORITHMS),
  digits: z.number().int().min(STEAM_OTP.digits).max(OTP_LIMITS.maxDigits),
  period: z.number().int().min(OTP_LIMITS.minPeriod).max(OTP_LIMITS.maxPeriod),
  counter: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  secret: text(1024),
  tags: tags.optional(),
  icon: accountIconSchema.optional(),
  note: field(ACCOUNT_LIMITS.note).optional(),
  pinned: z.boolean().optional(),
  awsSerial: field(ACCOUNT_LIMITS.awsSerial).optional(),
});

export const accountPatchSchema = accountInputSchema
  .pick({
    issuer: true,
    label: true,
    tags: true,
    note: true,
    pinned: true,
    awsSerial: true,
  })
  .extend({ icon: accountIconSchema.nullable(), syncFlag: z.null() })
  .partial();

const password = z.string().min(1).max(1024);
/** 50 MB of image bytes as base64, plus a little; main checks the decoded size again. */
const IMAGE_BASE64_MAX = Math.ceil((50 * 1024 * 1024) / 3) * 4 + 16;
const none = z.undefined();
/** Backups and exports of other apps are small: 20 MB as base64. */
export const IMPORT_FILE_MAX_BYTES = 20 * 1024 * 1024;
const FILE_BASE64_MAX = Math.ceil(IMPORT_FILE_MAX_BYTES / 3) * 4 + 16;
const ids = z.array(id).max(10_000);
/** A profile of the AWS config files; absent: the SDK's own choice (AWS_PROFILE, else "default"). */
const awsProfile = z.string().regex(AWS_PROFILE_PATTERN).optional();

/** Argument schemas, one per method. */
export const methodArgs = {
  status: none,
  createVault: z.strictObject({ password }),
  unlock: z.strictObject({ password }),
  cancelUnlock: none,
  lock: none,
  changePassword: z.strictObject({ oldPassword: password, newPassword: password }),
  listAccounts: none,
  addAccount: z.strictObject({
    account: accountInputSchema,
    allowDuplicate: z.boolean().optional(),
  }),
  updateAccount: z.strictObject({ id, patch: accountPatchSchema }),
  removeAccount: z.strictObject({ id }),
  reorderAccounts: z.strictObject({ ids: z.array(id).max(100_000) }),
  nextHotpCode: z.strictObject({ id }),
  getCodes: none,
  copyCode: z.strictObject({ id, which: z.enum(['current', 'next']) }),
  getSettings: none,
  setSettings: userSettingsSchema.partial(),
  // The clock against the time server; the server and the correction are settings. A server other
  // than the offered ones is kept only after main's own dialog; checks are spaced (CHECK_SPACING_MS).
  getClockStatus: none,
  checkClock: none,
  acceptClockOffset: z.strictObject({ offsetMs: z.number().int().min(-1e12).max(1e12) }),
  // Import: every source ends in a pending import in main; `into` adds to an open one (Google batches).
  importText: z.strictObject({ text: text(200_000), into: id.optional() }),
  importImages: z.strictObject({
    images: z
      .array(z.strictObject({ name: text(256), base64: z.string().max(IMAGE_BASE64_MAX) }))
      .min(1)
      .max(20),
    into: id.optional(),
  }),
  importClipboardImage: z.strictObject({ into: id.optional() }),
  pickImageFiles: z.strictObject({ into: id.optional() }),
  captureScreen: z.strictObject({ into: id.optional() }),
  commitImport: z.strictObject({ id, keys: z.array(id).max(10_000) }),
  cancelImport: z.strictObject({ id }),
  // Backups, other apps' files and exports to a phone. Every export asks for the vault password again.
  exportBackup: z.strictObject({ password, backupPassword: password }),
  openImportFile: z.strictObject({ into: id.optional() }),
  importFileBytes: z.strictObject({
    name: text(256),
    base64: z.string().max(FILE_BASE64_MAX),
    into: id.optional(),
  }),
  unlockImportFile: z.strictObject({ fileId: id, password, into: id.optional() }),
  // Gives up on a file waiting for (or trying) its password; works while its key is being derived.
  cancelImportFile: z.strictObject({ fileId: id }),
  replaceWithImport: z.strictObject({ id, keys: ids }),
  getBackupStatus: none,
  chooseBackupFolder: none,
  enableAutoBackup: z.strictObject({
    /** The handle chooseBackupFolder returned, never a path. */
    folderHandle: id,
    keep: z.number().int().min(1).max(MAX_BACKUP_KEEP),
    password,
    backupPassword: password,
  }),
  setAutoBackupKeep: z.strictObject({ keep: z.number().int().min(1).max(MAX_BACKUP_KEEP) }),
  disableAutoBackup: none,
  backupNow: none,
  revealAccount: z.strictObject({ id, password }),
  exportGoogleCodes: z.strictObject({ ids: ids.min(1), password }),
  exportOtpauthList: z.strictObject({ ids: ids.optional(), password }),
  // An Aegis vault file: sealed under exportPassword, or plain (every secret readable) when null.
  exportAegis: z.strictObject({
    ids: ids.optional(),
    password,
    exportPassword: password.nullable(),
  }),
  // Unlock with the OS keychain: off by default; turning it on asks for the vault password again.
  getKeychainStatus: none,
  enableKeychainUnlock: z.strictObject({ password }),
  disableKeychainUnlock: none,
  unlockWithKeychain: none,
  // Quick access: hides its window (focus back where the user came from); Shift+Enter types the code.
  hideQuickAccess: none,
  typeCode: z.strictObject({ id }),
  getShortcutStatus: none,
  // Whether the running app answers the authdesk command, and where (Settings › Command line).
  getAgentStatus: none,
  // Whether Shift+Enter can type a code here (Settings and quick access say why not).
  getTypingStatus: none,
  // Register with AWS (the registration helper): the profiles found, who the profile is, and
  // EnableMFADevice for the account's stored ARN with two consecutive codes taken in main.
  awsStatus: none,
  awsIdentity: z.strictObject({ profile: awsProfile }),
  awsEnableDevice: z.strictObject({
    id,
    user: z.string().trim().regex(IAM_USER_NAME_PATTERN),
    profile: awsProfile,
  }),
  // Tags: the vault's list in display order (unused tags included). Renaming to an existing name
  // merges the two; removing a tag takes it off every account and deletes no account.
  listTags: none,
  createTag: z.strictObject({ name: tagName }),
  renameTag: z.strictObject({ from: tagName, to: tagName }),
  removeTag: z.strictObject({ name: tagName }),
  reorderTags: z.strictObject({ names: z.array(tagName).max(ACCOUNT_LIMITS.tags) }),
  // A picture for an account: bytes dropped or pasted in the window, or a file chosen in main's
  // dialog. Main decodes, resizes and stores it in the vault; the account's icon becomes that image.
  setAccountIconImage: z.strictObject({
    id,
    name: text(256),
    base64: z.string().max(ICON_BASE64_MAX),
  }),
  pickAccountIcon: z.strictObject({ id }),
  // The stored pictures (vault and open imports) as data: URLs, by hash; unknown hashes are left out.
  getIconImages: z.strictObject({ hashes: z.array(iconHash).max(ICON_LIMITS.maxStored) }),
  // Sync through a folder (shared/sync.ts). The folder comes only from main's dialog, as a handle.
  // Starting, joining, a new sync password and removing a device ask for the vault password again:
  // each sends the vault's secrets somewhere new or changes who may read them.
  getSyncStatus: none,
  chooseSyncFolder: none,
  startSync: z.strictObject({
    folderHandle: id,
    password,
    deviceName: field(DEVICE_NAME_MAX).min(1).optional(),
    syncPassword: z.string().min(SYNC_PASSWORD_MIN_LENGTH).max(1024).optional(),
  }),
  joinSync: z.strictObject({
    folderHandle: id,
    password,
    deviceName: field(DEVICE_NAME_MAX).min(1).optional(),
    with: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('code'), code: z.string().max(200) }),
      z.strictObject({ kind: z.literal('password'), syncPassword: password }),
    ]),
  }),
  syncNow: none,
  offerSyncPairing: none,
  withdrawSyncPairing: none,
  setSyncPassword: z.strictObject({
    password,
    syncPassword: z.string().min(SYNC_PASSWORD_MIN_LENGTH).max(1024).nullable(),
  }),
  removeSyncDevice: z.strictObject({ id: z.string().regex(/^[0-9a-f]{32}$/), password }),
  stopSync: none,
} as const satisfies Record<Method, z.ZodType>;

export type MethodArgs = { [M in Method]: z.input<(typeof methodArgs)[M]> };

export type VaultState = 'missing' | 'locked' | 'unlocked';

export interface AppStatus {
  vault: VaultState;
  vaultPath: string;
  version: string;
  platform: string;
  /** The OS language, for `language: 'system'`. */
  systemLanguage: string;
}

/** One account's codes for the current step. Secrets never appear here. */
export interface CodeEntry {
  id: string;
  current: string;
  next: string;
  /** Epoch ms when `current` expires; null for HOTP, whose codes do not expire. */
  stepEndsAt: number | null;
  period: number;
}

export interface CodesSnapshot {
  /** Epoch ms (main's clock, offset applied) when this snapshot was computed. */
  at: number;
  codes: CodeEntry[];
}

export interface MethodResults {
  status: AppStatus;
  createVault: void;
  unlock: void;
  /**
   * The running unlock ends with CANCELLED before its next key derivation (one in flight finishes
   * unseen) and the vault stays locked; nothing running: nothing happens.
   */
  cancelUnlock: void;
  lock: void;
  /** keychainTurnedOff: the keychain slot could not be wrapped again and was removed. */
  changePassword: { keychainTurnedOff: boolean };
  listAccounts: AccountMeta[];
  addAccount: AccountMeta;
  updateAccount: AccountMeta;
  removeAccount: void;
  reorderAccounts: void;
  nextHotpCode: AccountMeta;
  getCodes: CodesSnapshot;
  /** clearsAt: epoch ms when the clipboard will be cleared, or null when clearing is off. */
  copyCode: { clearsAt: number | null };
  getSettings: Settings;
  setSettings: Settings;
  getClockStatus: ClockStatus;
  /**
   * Measures now and resolves with the new status, also when the server cannot be reached or answers
   * badly: that failure is a state to show (status.error, the last good offset kept), not a failed call.
   */
  checkClock: ClockStatus;
  /**
   * Turns correction on and accepts `offsetMs`, which must be the measured offset the user was
   * shown: CLOCK_OFFSET_CHANGED when a recheck measured another meanwhile, CLOCK_OFFSET_TOO_LARGE
   * past MAX_AUTO_CORRECTION_MS.
   */
  acceptClockOffset: ClockStatus;
  importText: ImportPreview;
  importImages: ImportPreview;
  importClipboardImage: ImportPreview;
  /** null when the user closed the file dialog without choosing. */
  pickImageFiles: ImportPreview | null;
  captureScreen: ImportPreview;
  /** The accounts that were added. */
  commitImport: AccountMeta[];
  cancelImport: void;
  /** null when the user closed the save dialog. */
  exportBackup: { path: string; count: number } | null;
  /** null when the user closed the file dialog. */
  openImportFile: FileImportResult | null;
  importFileBytes: FileImportResult;
  unlockImportFile: ImportPreview;
  /**
   * The file is forgotten; an unlockImportFile of it still running fails with CANCELLED before its
   * next key derivation (one in flight finishes unseen: scrypt cannot be interrupted).
   */
  cancelImportFile: void;
  /** keptCopy: where the vault as it was before is kept. */
  replaceWithImport: { added: AccountMeta[]; keptCopy: string };
  getBackupStatus: BackupStatus;
  /**
   * null when the user closed the folder dialog; otherwise the handle enableAutoBackup takes (valid
   * for FOLDER_CHOICE_MS) and the path to show. FOLDER_NOT_LOCAL for a network or device path.
   */
  chooseBackupFolder: { handle: string; folder: string } | null;
  enableAutoBackup: BackupStatus;
  setAutoBackupKeep: BackupStatus;
  disableAutoBackup: BackupStatus;
  backupNow: BackupStatus;
  revealAccount: RevealedAccount;
  exportGoogleCodes: GoogleExportCodes;
  /** null when the user closed the save dialog. */
  exportOtpauthList: { path: string; count: number } | null;
  /** null when the user closed the save dialog. */
  exportAegis: { path: string; count: number } | null;
  /** Works while locked: the unlock screen offers the keychain when it is available and enabled. */
  getKeychainStatus: KeychainStatus;
  enableKeychainUnlock: KeychainStatus;
  disableKeychainUnlock: KeychainStatus;
  /** KEYCHAIN_FAILED or KEYCHAIN_UNAVAILABLE: the password is the way in. */
  unlockWithKeychain: void;
  hideQuickAccess: void;
  /**
   * Hides quick access, then types the current code (a fresh one near a step's end) into the window
   * that has the keyboard; copied instead, with the reason, where it cannot be typed (Wayland, no
   * display, one of Authdesk's own windows).
   */
  typeCode:
    | { done: 'typed' }
    | {
        done: 'copied';
        /** Why (use-cases/type-code.ts CopiedReason): 'wayland', 'own-window', … */
        reason: string;
        clearsAt: number | null;
      };
  getShortcutStatus: ShortcutStatus;
  getAgentStatus: AgentStatus;
  getTypingStatus: TypingStatus;
  awsStatus: AwsStatus;
  /** AWS_NO_CREDENTIALS, AWS_NETWORK, …: the window then leaves the user name for the user to type. */
  awsIdentity: AwsIdentity;
  /**
   * Waits for a safe moment of the step (SAFE_PAIR_MS left), then EnableMFADevice with the
   * account's current and next codes; the account as it is afterwards. AWS_NO_SERIAL without an
   * ARN; AWS_CODE_REJECTED, AWS_CLOCK_OFF, AWS_DEVICE_EXISTS, AWS_THROTTLED, AWS_NETWORK,
   * AWS_NO_CREDENTIALS or AWS_REFUSED (its message says what AWS answered) when AWS said no.
   */
  awsEnableDevice: AccountMeta;
  listTags: string[];
  /** Each returns the tag list as it is afterwards (TAG_EXISTS, TAG_NOT_FOUND, TAG_LIMIT). */
  createTag: string[];
  renameTag: string[];
  removeTag: string[];
  reorderTags: string[];
  /** ICON_UNREADABLE, ICON_TOO_LARGE; IMAGE_TOO_LARGE for a source past ICON_LIMITS. */
  setAccountIconImage: AccountMeta;
  /** null when the user closed the file dialog. */
  pickAccountIcon: AccountMeta | null;
  /** hash → `data:image/png;base64,…` */
  getIconImages: Record<string, string>;
  /** Works while locked ({ phase: 'off' } then: the vault must be open to know). */
  getSyncStatus: SyncStatus;
  /** null when the user closed the dialog; the handle start/join take (FOLDER_CHOICE_MS). */
  chooseSyncFolder: { handle: string; folder: string } | null;
  /** SYNC_ALREADY_ON, SYNC_FOLDER_IN_USE, SYNC_FOLDER_UNREACHABLE, FOLDER_CHOICE_EXPIRED, WRONG_PASSWORD. */
  startSync: SyncStatus;
  /** SYNC_NOTHING_TO_JOIN, SYNC_PAIRING_WRONG, SYNC_PAIRING_EXPIRED, SYNC_NO_PASSWORD, SYNC_PASSWORD_WRONG, … */
  joinSync: SyncStatus;
  /** One round now; a folder that cannot be reached is a status (paused), not a failed call. */
  syncNow: SyncStatus;
  /** A new pairing code (replacing one shown before). SYNC_OFF. */
  offerSyncPairing: PairingOffer;
  withdrawSyncPairing: SyncStatus;
  setSyncPassword: SyncStatus;
  /** The key rotates; the removed device can read nothing written afterwards. SYNC_DEVICE_NOT_FOUND. */
  removeSyncDevice: SyncStatus;
  /** This device leaves the sync; its accounts stay. */
  stopSync: SyncStatus;
}

/**
 * Whether the window can register with AWS: configured when the SDK's credential chain finds
 * credentials (a profile's, or the environment's); the profiles of ~/.aws/config and credentials.
 */
export interface AwsStatus {
  configured: boolean;
  profiles: string[];
  /** The profile used when none is chosen (AWS_PROFILE, else "default" when it exists), or null. */
  defaultProfile: string | null;
}

/** Who a profile's credentials are (GetCallerIdentity). */
export interface AwsIdentity {
  /** The 12-digit AWS account. */
  account: string;
  /** The IAM user's name when the caller is an IAM user; null for a role, root or federated caller. */
  userName: string | null;
}

/**
 * Quick access's global shortcut: pending until the app is ready, registered, refused (the OS or
 * another app holds it; Settings says so), or off (the setting is empty).
 */
/**
 * Whether a code can be typed into another window here; where not, quick access's Shift+Enter copies.
 * wayland: no app may type into another; no-display: no X display answers; unsupported: no engine
 * for this system; failed: the engine did not load, or macOS's Accessibility permission is missing.
 */
export type TypingStatus =
  | { available: true }
  | { available: false; reason: 'wayland' | 'no-display' | 'unsupported' | 'failed' };

export interface ShortcutStatus {
  accelerator: string;
  state: 'pending' | 'registered' | 'refused' | 'off';
}

/** Every result crosses as a value or a typed error; Electron would otherwise flatten errors to text. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** replaced: the file changed under the window in a way it cannot follow (VAULT_REPLACED). */
export type LockReason = 'user' | 'idle' | 'system' | 'replaced';

/** Events main pushes to the renderer. */
export interface Events {
  codes: CodesSnapshot;
  locked: { reason: LockReason };
  accountsChanged: AccountMeta[];
  settingsChanged: Settings;
  /** After every automatic backup, and when it is turned on or off. */
  backupStatus: BackupStatus;
  /** When a clock check starts and ends (at start, and after checkClock). */
  clockStatus: ClockStatus;
  /** Quick access was shown (the shortcut, the tray): it clears its search and focuses it. */
  quickAccessShown: Record<string, never>;
  /** The vault's tag list changed (created, renamed, removed, reordered, or another process wrote). */
  tagsChanged: string[];
  /** The global shortcut was registered again (its setting changed) or refused. */
  shortcutStatus: ShortcutStatus;
  /** The command-line channel started, stopped or could not start (Settings › Command line). */
  agentStatus: AgentStatus;
  /** Sync's status changed: a round ran, a problem came or went, the folder went away or came back. */
  syncStatus: SyncStatus;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time check: every event name has a payload type, and every payload type a name. */
export const EVENT_NAMES_MATCH: Same<EventName, keyof Events> = true;

/** What the preload exposes as `window.authdesk`. */
export interface AuthdeskBridge {
  invoke<M extends Method>(method: M, args: MethodArgs[M]): Promise<Result<MethodResults[M]>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
