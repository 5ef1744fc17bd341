// The handlers for backups, other apps' files and exports to a phone. Every export asks for the vault
// password again; a secret crosses to the renderer only in a reveal or a QR export, never otherwise.
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { toMeta, type Account } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import type { ImportPreview } from '../../shared/import';
import { IMPORT_FILE_MAX_BYTES } from '../../shared/ipc';
import { formatOtpauthUri } from '../../shared/otpauth';
import { REVEAL_MS, type FileImportResult } from '../../shared/transfer';
import { sourceName } from '../import/image-sources';
import type { PendingImports } from '../import/pending-imports';
import type { DialogPort } from '../ports';
import type { Found } from '../import/found';
import type { Clock } from '../clock/clock';
import type { SettingsService } from '../use-cases/settings';
import type { VaultService } from '../use-cases/vault-service';
import type { AutoBackup } from '../use-cases/auto-backup';
import { encodeBackup, newBackupKey, writeBackupFile } from '../transfer/backup-file';
import { googleExportCodes, otpauthListText, qrMatrix } from '../transfer/device-export';
import { tooLargeFile, type FileImports, type OpenedFile } from '../import/file-imports';
import { writeFileDurably } from '../vault/durable-write';
import type { KdfCost } from '../vault/kdf';
import type { Handlers } from './handler-table';

export type TransferMethod =
  | 'exportBackup'
  | 'openImportFile'
  | 'importFileBytes'
  | 'unlockImportFile'
  | 'replaceWithImport'
  | 'getBackupStatus'
  | 'chooseBackupFolder'
  | 'enableAutoBackup'
  | 'setAutoBackupKeep'
  | 'disableAutoBackup'
  | 'backupNow'
  | 'revealAccount'
  | 'exportGoogleCodes'
  | 'exportOtpauthList';

export interface TransferDeps {
  vault: VaultService;
  settings: SettingsService;
  imports: PendingImports;
  files: FileImports;
  autoBackup: AutoBackup;
  dialogs: DialogPort;
  clock: Clock;
  version: string;
  /** Tests only: a cheaper KDF for backup passwords. */
  kdf?: Partial<KdfCost>;
}

/** A date for default file names: 2026-11-29. */
const day = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

export function createTransferHandlers(deps: TransferDeps): Pick<Handlers, TransferMethod> {
  const { vault, settings, imports, files, autoBackup, dialogs, clock } = deps;

  /** A file opened: straight into the preview, or first its password. */
  const toResult = async (
    opened: OpenedFile,
    into: string | undefined,
  ): Promise<FileImportResult> => {
    if (opened.status === 'password') return opened;
    const preview: ImportPreview = await imports.add(into, async () => opened.found);
    return { status: 'preview', preview };
  };

  /** The chosen accounts, in the vault's order; ACCOUNT_NOT_FOUND if one is gone. */
  const chosen = (ids: readonly string[] | undefined): Account[] => {
    const all = vault.accounts();
    if (ids === undefined) return all;
    const wanted = new Set(ids);
    const found = all.filter((a) => wanted.has(a.id));
    if (found.length !== wanted.size) {
      throw new AuthdeskError('ACCOUNT_NOT_FOUND', 'One of the chosen accounts no longer exists.');
    }
    return found;
  };

  const newKey = (password: string) => newBackupKey(password, deps.kdf);

  return {
    exportBackup: async ({ password, backupPassword }) => {
      await vault.checkPassword(password);
      const path = await dialogs.pickSavePath('backup', `authdesk-${day(clock.now())}.authdesk`);
      if (path === null) return null;
      const contents = vault.contents();
      const key = await newKey(backupPassword);
      try {
        const text = encodeBackup(contents, key, {
          appVersion: deps.version,
          now: new Date(clock.now()),
        });
        await writeBackupFile(path, text);
      } finally {
        key.masterKey.fill(0);
      }
      return { path, count: contents.accounts.length };
    },

    openImportFile: async ({ into }) => {
      vault.accounts(); // VAULT_LOCKED before the dialog
      const path = await dialogs.pickImportFile();
      if (path === null) return null;
      return toResult(await files.openPath(path, sourceName(path, 'file')), into);
    },

    importFileBytes: async ({ name, base64, into }) => {
      vault.accounts();
      // Base64 holds 3 bytes in 4 characters; refuse before allocating.
      if (base64.length * 0.75 > IMPORT_FILE_MAX_BYTES + 2)
        throw tooLargeFile(base64.length * 0.75);
      const bytes = Buffer.from(base64, 'base64');
      return toResult(await files.open(sourceName(name, 'file'), bytes), into);
    },

    unlockImportFile: async ({ fileId, password, into }) =>
      imports.add(into, (): Promise<Found> => files.unlock(fileId, password)),

    replaceWithImport: async ({ id, keys }) => {
      const { added, keptCopy } = await imports.commitWith(id, keys, (inputs, groups) =>
        vault.replaceAll(inputs, groups),
      );
      return { added: added.map(toMeta), keptCopy };
    },

    getBackupStatus: async () => autoBackup.status(),

    chooseBackupFolder: async () => dialogs.pickFolder(),

    enableAutoBackup: async ({ folder, keep, password, backupPassword }) => {
      await vault.checkPassword(password);
      await checkFolder(folder);
      const key = await newKey(backupPassword);
      try {
        await vault.setBackupKey(key);
      } finally {
        key.masterKey.fill(0);
      }
      settings.set({ autoBackupFolder: folder, autoBackupKeep: keep });
      return autoBackup.runNow();
    },

    setAutoBackupKeep: async ({ keep }) => {
      settings.set({ autoBackupKeep: keep });
      return autoBackup.runNow();
    },

    disableAutoBackup: async () => {
      if (vault.isUnlocked) await vault.setBackupKey(null);
      settings.set({ autoBackupFolder: null });
      autoBackup.stop();
      return autoBackup.status();
    },

    backupNow: async () => {
      vault.accounts();
      return autoBackup.runNow();
    },

    revealAccount: async ({ id, password }) => {
      await vault.checkPassword(password);
      const [account] = chosen([id]);
      const uri = formatOtpauthUri(account!);
      return {
        id: account!.id,
        issuer: account!.issuer,
        label: account!.label,
        uri,
        secret: account!.secret,
        qr: qrMatrix(uri),
        hidesAt: clock.now() + REVEAL_MS,
      };
    },

    exportGoogleCodes: async ({ ids, password }) => {
      await vault.checkPassword(password);
      return { ...googleExportCodes(chosen(ids)), hidesAt: clock.now() + REVEAL_MS };
    },

    exportOtpauthList: async ({ ids, password }) => {
      await vault.checkPassword(password);
      const accounts = chosen(ids);
      const path = await dialogs.pickSavePath(
        'otpauth-list',
        `authdesk-accounts-${day(clock.now())}.txt`,
      );
      if (path === null) return null;
      await writeFileDurably(path, otpauthListText(accounts, new Date(clock.now())), {
        what: 'export',
      });
      return { path, count: accounts.length };
    },
  };
}

/** Automatic backups need a folder that is there: an absolute path to a directory. */
async function checkFolder(folder: string): Promise<void> {
  if (!isAbsolute(folder)) {
    throw new AuthdeskError('INVALID_ARGUMENT', 'The backup folder must be a full path.');
  }
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
