// Backups, other apps' files and exports to a phone, as the window asks for them. Every export asks
// for the vault password again; a secret leaves main only in a reveal or a QR export.
import { stat } from 'node:fs/promises';
import { toMeta, type Account, type AccountMeta } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import type { ImportPreview } from '../../shared/import';
import { IMPORT_FILE_MAX_BYTES } from '../../shared/ipc';
import { formatOtpauthUri } from '../../shared/otpauth';
import {
  REVEAL_MS,
  type BackupStatus,
  type FileImportResult,
  type RevealedAccount,
} from '../../shared/transfer';
import { tooLargeFile, type FileImports, type OpenedFile } from '../import/file-imports';
import type { Found } from '../import/found';
import { sourceName } from '../import/image-sources';
import type { PendingImports } from '../import/pending-imports';
import type { Clock, DialogPort } from '../ports';
import { googleExportCodes, qrMatrix } from '../transfer/device-export';
import type { KdfCost } from '../vault/kdf';
import type { Vault } from '../vault/vault';
import type { AutoBackup } from './auto-backup';
import { withNewBackupKey } from './backup';
import { defaultExportName, exportContents, writeExportFile } from './export-file';
import { checkLocalFolder, FolderChoices } from './backup-folder';
import type { SettingsService } from './settings';

export interface TransferDeps {
  vault: Vault;
  settings: SettingsService;
  imports: PendingImports;
  files: FileImports;
  autoBackup: AutoBackup;
  dialogs: DialogPort;
  clock: Clock;
  version: string;
  /** process.platform: which paths are local folders (see backup-folder.ts). */
  platform: string;
  /** Tests only: a cheaper KDF for backup passwords. */
  kdf?: Partial<KdfCost>;
}

/** The chosen accounts, in the vault's order (all without ids); ACCOUNT_NOT_FOUND if one is gone. */
export function chooseAccounts(vault: Vault, ids: readonly string[] | undefined): Account[] {
  const all = vault.list();
  if (ids === undefined) return all;
  const wanted = new Set(ids);
  const found = all.filter((a) => wanted.has(a.id));
  if (found.length !== wanted.size) {
    throw new AuthdeskError('ACCOUNT_NOT_FOUND', 'One of the chosen accounts no longer exists.');
  }
  return found;
}

export class Transfers {
  /** The folders the user picked in main's dialog, behind the handles the window holds. */
  readonly #folders: FolderChoices;

  constructor(private readonly deps: TransferDeps) {
    this.#folders = new FolderChoices(deps.clock);
  }

  async exportBackup(password: string, backupPassword: string) {
    const { vault, dialogs, clock } = this.deps;
    await vault.checkPassword(password);
    const now = new Date(clock.now());
    const path = await dialogs.pickSavePath('backup', defaultExportName('authdesk', now));
    if (path === null) return null;
    return writeExportFile({
      format: 'authdesk',
      path,
      password: backupPassword,
      contents: vault.contents(),
      appVersion: this.deps.version,
      now,
      ...(this.deps.kdf && { kdf: this.deps.kdf }),
    });
  }

  /**
   * The chosen accounts as an Aegis vault file: sealed under `exportPassword`, or plain (every
   * secret readable) when it is null. The vault password first, then main's save dialog.
   */
  async exportAegis(
    ids: readonly string[] | undefined,
    password: string,
    exportPassword: string | null,
  ) {
    const { vault, dialogs, clock } = this.deps;
    await vault.checkPassword(password);
    const contents = exportContents(vault.contents(), chooseAccounts(vault, ids));
    const format = exportPassword === null ? 'aegis-plain' : 'aegis';
    const now = new Date(clock.now());
    const path = await dialogs.pickSavePath('aegis', defaultExportName(format, now));
    if (path === null) return null;
    return writeExportFile({
      format,
      path,
      contents,
      ...(exportPassword !== null && { password: exportPassword }),
      appVersion: this.deps.version,
      now,
    });
  }

  async openImportFile(into: string | undefined): Promise<FileImportResult | null> {
    this.deps.vault.list(); // VAULT_LOCKED before the dialog
    const path = await this.deps.dialogs.pickImportFile();
    if (path === null) return null;
    return this.#toResult(await this.deps.files.openPath(path, sourceName(path, 'file')), into);
  }

  async importFileBytes(name: string, base64: string, into: string | undefined) {
    this.deps.vault.list();
    // Base64 holds 3 bytes in 4 characters; refuse before allocating.
    if (base64.length * 0.75 > IMPORT_FILE_MAX_BYTES + 2) throw tooLargeFile(base64.length * 0.75);
    const bytes = Buffer.from(base64, 'base64');
    return this.#toResult(await this.deps.files.open(sourceName(name, 'file'), bytes), into);
  }

  unlockImportFile(fileId: string, password: string, into: string | undefined) {
    return this.deps.imports.add(into, (): Promise<Found> =>
      this.deps.files.unlock(fileId, password),
    );
  }

  /** The user gave up on the file: its running unlock ends with CANCELLED and adds nothing. */
  cancelImportFile(fileId: string): void {
    this.deps.files.cancel(fileId);
  }

  async replaceWithImport(
    id: string,
    keys: readonly string[],
  ): Promise<{ added: AccountMeta[]; keptCopy: string }> {
    const { added, keptCopy } = await this.deps.imports.commitWith(
      id,
      keys,
      (inputs, groups, pictures) => this.deps.vault.replaceAll(inputs, groups, pictures),
    );
    return { added: added.map(toMeta), keptCopy };
  }

  /**
   * Turns automatic backups on into the folder behind `folderHandle`, which only chooseBackupFolder
   * hands out: the window cannot name a folder the user did not pick in main's dialog.
   */
  async enableAutoBackup(
    folderHandle: string,
    keep: number,
    password: string,
    backupPassword: string,
  ): Promise<BackupStatus> {
    const folder = this.#folders.folder(folderHandle);
    const status = await this.enableAutoBackupIn(folder, keep, password, backupPassword);
    this.#folders.drop(folderHandle);
    return status;
  }

  /**
   * Turns automatic backups on into `folder`, a local folder (a door that lets the user type a path
   * calls this directly; the window goes through a handle). Needs the vault password again.
   */
  async enableAutoBackupIn(
    folder: string,
    keep: number,
    password: string,
    backupPassword: string,
  ): Promise<BackupStatus> {
    const { vault, settings, autoBackup } = this.deps;
    checkLocalFolder(folder, this.deps.platform);
    await vault.checkPassword(password);
    await checkFolder(folder);
    await withNewBackupKey(backupPassword, this.deps.kdf, (key) => vault.setBackupKey(key));
    settings.set({ autoBackupFolder: folder, autoBackupKeep: keep });
    return autoBackup.runNow();
  }

  backupStatus(): BackupStatus {
    return this.deps.autoBackup.status();
  }

  /**
   * main's folder dialog; the window gets a handle for enableAutoBackup and the path to show. A
   * network or device path is refused here already, with the reason.
   */
  async chooseBackupFolder(): Promise<{ handle: string; folder: string } | null> {
    const folder = await this.deps.dialogs.pickFolder();
    if (folder === null) return null;
    checkLocalFolder(folder, this.deps.platform);
    return this.#folders.add(folder);
  }

  setAutoBackupKeep(keep: number): Promise<BackupStatus> {
    this.deps.settings.set({ autoBackupKeep: keep });
    return this.deps.autoBackup.runNow();
  }

  async disableAutoBackup(): Promise<BackupStatus> {
    const { vault, settings, autoBackup } = this.deps;
    if (vault.isUnlocked) await vault.setBackupKey(null);
    settings.set({ autoBackupFolder: null });
    autoBackup.stop();
    return autoBackup.status();
  }

  backupNow(): Promise<BackupStatus> {
    this.deps.vault.list();
    return this.deps.autoBackup.runNow();
  }

  async revealAccount(id: string, password: string): Promise<RevealedAccount> {
    await this.deps.vault.checkPassword(password);
    const [account] = chooseAccounts(this.deps.vault, [id]);
    const uri = formatOtpauthUri(account!);
    return {
      id: account!.id,
      issuer: account!.issuer,
      label: account!.label,
      uri,
      secret: account!.secret,
      qr: qrMatrix(uri),
      hidesAt: this.deps.clock.now() + REVEAL_MS,
    };
  }

  async exportGoogleCodes(ids: readonly string[] | undefined, password: string) {
    await this.deps.vault.checkPassword(password);
    const codes = googleExportCodes(chooseAccounts(this.deps.vault, ids));
    return { ...codes, hidesAt: this.deps.clock.now() + REVEAL_MS };
  }

  async exportOtpauthList(ids: readonly string[] | undefined, password: string) {
    const { vault, dialogs, clock } = this.deps;
    await vault.checkPassword(password);
    const accounts = chooseAccounts(vault, ids);
    const now = new Date(clock.now());
    const path = await dialogs.pickSavePath('otpauth-list', defaultExportName('otpauth', now));
    if (path === null) return null;
    return writeExportFile({
      format: 'otpauth',
      path,
      contents: { accounts, groups: [] },
      appVersion: this.deps.version,
      now,
    });
  }

  /** A file opened: straight into the preview, or first its password. */
  async #toResult(opened: OpenedFile, into: string | undefined): Promise<FileImportResult> {
    if (opened.status === 'password') return opened;
    const preview: ImportPreview = await this.deps.imports.add(into, async () => opened.found);
    return { status: 'preview', preview };
  }
}

/** Automatic backups need a folder that is there (checkLocalFolder has checked the path's form). */
async function checkFolder(folder: string): Promise<void> {
  let isDirectory = false;
  try {
    isDirectory = (await stat(folder)).isDirectory();
  } catch (error) {
    throw new AuthdeskError('IO_ERROR', `The folder ${folder} cannot be used for backups.`, {
      cause: error,
    });
  }
  if (!isDirectory) {
    throw new AuthdeskError('IO_ERROR', `${folder} is not a folder.`);
  }
}
