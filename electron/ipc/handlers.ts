// The window's door: each contract method, its arguments already validated (dispatch.ts), calls one
// use case. Plain Node, bound by Electron in main and by the browser test harness.
import { toMeta } from '../../shared/account';
import type { AgentStatus } from '../../shared/agent-status';
import type { AwsStatus, TypingStatus } from '../../shared/ipc';
import type { OtpEngine } from '../../shared/otp';
import { fromText } from '../import/found';
import type { FileImports } from '../import/file-imports';
import type { ImageSources } from '../import/image-sources';
import type { PendingImports } from '../import/pending-imports';
import type { KeychainPort } from '../ports';
import type { Vault } from '../vault/vault';
import type { ClipboardGuard } from '../use-cases/clipboard-guard';
import type { ClockCheck } from '../use-cases/clock-check';
import type { CodeTicker } from '../use-cases/code-ticker';
import { changeVaultPassword } from '../use-cases/change-password';
import { copyCode } from '../use-cases/codes';
import type { KeychainUnlock } from '../use-cases/keychain-unlock';
import type { PasswordUnlock } from '../use-cases/password-unlock';
import type { QuickAccess } from '../use-cases/quick-access';
import type { RecentAccounts } from '../use-cases/recent-accounts';
import type { SettingsService } from '../use-cases/settings';
import type { TagUseCases } from '../use-cases/tags';
import type { Transfers } from '../use-cases/transfers';
import type { AwsMfa } from '../use-cases/aws-mfa';
import { awsWindowIdentity } from '../use-cases/aws-window';
import type { AccountIcons } from '../use-cases/account-icons';
import type { SyncWindow } from '../use-cases/sync-window';
import type { Handlers } from './handler-table';

export type { Handlers };

/** The use cases the window reaches. */
export interface HandlerDeps {
  vault: Vault;
  ticker: CodeTicker;
  clipboard: ClipboardGuard;
  settings: SettingsService;
  engine: OtpEngine;
  /** Codes and their expiry are on clockCheck.codeClock: corrected by the measured offset when asked. */
  clockCheck: ClockCheck;
  imports: PendingImports;
  images: ImageSources;
  files: FileImports;
  transfers: Transfers;
  keychain: KeychainUnlock;
  /** The accounts whose code was used last: every copy counts. */
  recent: RecentAccounts;
  /** The vault's tags, and the list settings that follow them. */
  tags: TagUseCases;
  /** Quick access's window and shortcut (Shift+Enter types through it). */
  quickAccess: QuickAccess;
  /** Whether Shift+Enter can type here (TypeCode.availability). */
  typingStatus: () => Promise<TypingStatus>;
  /** Whether the app answers the authdesk command, and where (AgentLifecycle.status). */
  agentStatus: () => AgentStatus;
  /** The window's unlock, which its unlock screen may cancel. */
  passwordUnlock: PasswordUnlock;
  /** The OS keychain itself: a password change wraps the new key with it. */
  keychainPort: KeychainPort;
  /** Register with AWS: AwsMfa over the app's vault, and whether AWS credentials are configured. */
  aws: AwsMfa;
  /** Accounts' own pictures as icons, and the kept pictures the window shows. */
  icons: AccountIcons;
  awsStatus: () => Promise<AwsStatus>;
  /** Sync through a folder, as the window sets it up. */
  sync: SyncWindow;
  version: string;
  platform: string;
  systemLanguage: () => string;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { vault, ticker, settings, imports, images, transfers, keychain, clockCheck } = deps;
  const { passwordUnlock } = deps;
  return {
    status: async () => ({
      vault: await vault.state(),
      vaultPath: vault.path,
      version: deps.version,
      platform: deps.platform,
      systemLanguage: deps.systemLanguage(),
    }),
    createVault: ({ password }) => vault.create(password),
    unlock: ({ password }) => passwordUnlock.unlock(password),
    cancelUnlock: async () => passwordUnlock.cancel(),
    lock: async () => vault.lock('user'),
    changePassword: ({ oldPassword, newPassword }) =>
      changeVaultPassword(vault, oldPassword, newPassword, deps.keychainPort),
    listAccounts: async () => vault.list().map(toMeta),
    addAccount: async ({ account, allowDuplicate }) =>
      toMeta(await vault.add(account, { allowDuplicate: allowDuplicate ?? false })),
    updateAccount: async ({ id, patch }) => toMeta(await vault.update(id, patch)),
    removeAccount: ({ id }) => vault.remove(id),
    reorderAccounts: ({ ids }) => vault.reorder(ids),
    nextHotpCode: async ({ id }) => toMeta(await vault.nextHotp(id)),
    getCodes: async () => ticker.snapshot(vault.list()),
    copyCode: ({ id, which }) => copyCode(deps, id, which),
    getSettings: async () => settings.get(),
    // A new time server is asked about in main's own dialog (SettingsService.change).
    setSettings: (patch) => settings.change(patch),
    // Every source ends in the same pending import; the renderer gets its preview, never a secret.
    importText: ({ text, into }) => imports.add(into, async () => fromText(text)),
    importImages: ({ images: list, into }) => imports.add(into, () => images.fromBase64(list)),
    importClipboardImage: ({ into }) => imports.add(into, () => images.fromClipboard()),
    pickImageFiles: ({ into }) => imports.add(into, () => images.pickFiles()),
    captureScreen: ({ into }) => imports.add(into, () => images.fromScreen()),
    commitImport: async ({ id, keys }) => (await imports.commit(id, keys)).map(toMeta),
    cancelImport: async ({ id }) => imports.cancel(id),
    getClockStatus: async () => clockCheck.status(),
    // A server that cannot be reached resolves too: the failure is in the status (see MethodResults).
    checkClock: () => clockCheck.check(),
    acceptClockOffset: async ({ offsetMs }) => clockCheck.acceptOffset(offsetMs),
    exportBackup: ({ password, backupPassword }) =>
      transfers.exportBackup(password, backupPassword),
    openImportFile: ({ into }) => transfers.openImportFile(into),
    importFileBytes: ({ name, base64, into }) => transfers.importFileBytes(name, base64, into),
    unlockImportFile: ({ fileId, password, into }) =>
      transfers.unlockImportFile(fileId, password, into),
    cancelImportFile: async ({ fileId }) => transfers.cancelImportFile(fileId),
    replaceWithImport: ({ id, keys }) => transfers.replaceWithImport(id, keys),
    getBackupStatus: async () => transfers.backupStatus(),
    chooseBackupFolder: () => transfers.chooseBackupFolder(),
    enableAutoBackup: ({ folderHandle, keep, password, backupPassword }) =>
      transfers.enableAutoBackup(folderHandle, keep, password, backupPassword),
    setAutoBackupKeep: ({ keep }) => transfers.setAutoBackupKeep(keep),
    disableAutoBackup: () => transfers.disableAutoBackup(),
    backupNow: () => transfers.backupNow(),
    revealAccount: ({ id, password }) => transfers.revealAccount(id, password),
    exportGoogleCodes: ({ ids, password }) => transfers.exportGoogleCodes(ids, password),
    exportOtpauthList: ({ ids, password }) => transfers.exportOtpauthList(ids, password),
    exportAegis: ({ ids, password, exportPassword }) =>
      transfers.exportAegis(ids, password, exportPassword),
    getKeychainStatus: () => keychain.status(),
    enableKeychainUnlock: ({ password }) => keychain.enable(password),
    disableKeychainUnlock: () => keychain.disable(),
    unlockWithKeychain: () => keychain.unlock(),
    hideQuickAccess: () => deps.quickAccess.hide(),
    typeCode: ({ id }) => deps.quickAccess.type(id),
    getShortcutStatus: async () => deps.quickAccess.status(),
    getAgentStatus: async () => deps.agentStatus(),
    getTypingStatus: () => deps.typingStatus(),
    awsStatus: () => deps.awsStatus(),
    awsIdentity: ({ profile }) => awsWindowIdentity(deps.aws, profile),
    awsEnableDevice: ({ id, user, profile }) =>
      deps.aws.enableExisting({ accountId: id, user, profile }),
    // The vault's tags, in display order (use-cases/tags.ts).
    listTags: async () => deps.tags.list(),
    createTag: ({ name }) => deps.tags.create(name),
    renameTag: ({ from, to }) => deps.tags.rename(from, to),
    removeTag: ({ name }) => deps.tags.remove(name),
    reorderTags: ({ names }) => deps.tags.reorder(names),
    // A picture dropped, pasted or chosen in main's dialog: decoded off the main thread, then kept.
    setAccountIconImage: async ({ id, base64 }) =>
      toMeta(await deps.icons.setFromBase64(id, base64)),
    pickAccountIcon: async ({ id }) => {
      const account = await deps.icons.pick(id);
      return account && toMeta(account);
    },
    getIconImages: async ({ hashes }) => deps.icons.images(hashes),
    // Sync through a folder (use-cases/sync-window.ts): the folder from main's dialog, the vault
    // password again to start, join, set a sync password or remove a device; in turn with the rounds.
    getSyncStatus: async () => deps.sync.status(),
    chooseSyncFolder: () => deps.sync.chooseFolder(),
    startSync: (args) => deps.sync.start(args),
    joinSync: (args) => deps.sync.join(args),
    syncNow: () => deps.sync.syncNow(),
    offerSyncPairing: () => deps.sync.offerPairing(),
    withdrawSyncPairing: () => deps.sync.withdrawPairing(),
    setSyncPassword: ({ password, syncPassword }) =>
      deps.sync.setSyncPassword(password, syncPassword),
    removeSyncDevice: ({ id, password }) => deps.sync.removeDevice(id, password),
    stopSync: () => deps.sync.stop(),
  };
}
