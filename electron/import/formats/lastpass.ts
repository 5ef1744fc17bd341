// LastPass Authenticator's JSON export (Settings › Transfer accounts › Export accounts to file).
//
// As the apps that import it describe it (Bitwarden Authenticator's LastPassJsonExport, 2FAS iOS's
// LastPassData, extract-otp-web): {deviceId, deviceSecret, localDeviceId, deviceName, version,
// accounts: [{accountID, issuerName, originalIssuerName, userName, originalUserName,
// pushNotification, secret (base32), timeStep, digits, creationTimestamp, isFavorite, algorithm,
// folderData: {folderId, position}, lmiUserId}], folders: [{id, name, isOpened}]}. Folder 0 is
// "Other Accounts" (no tag here) and 1 "Favorites" (pinned here); any other is a tag. LastPass
// Authenticator makes only time-based codes. The file is never encrypted.
import type { Found } from '../found';
import { readEntryList } from './entries';
import { isRecord } from './file-text';
import { corruptFile, type OpenedFile } from './opened-file';

const OTHER_FOLDER = 0;
const FAVORITES_FOLDER = 1;

const corrupt = (why: string) => corruptFile('lastpass', why);

/** The accounts list beside LastPass's device fields, or accounts shaped as only LastPass writes them. */
export function looksLikeLastPass(value: Record<string, unknown>): boolean {
  if (!Array.isArray(value.accounts)) return false;
  if ('deviceSecret' in value || 'localDeviceId' in value) return true;
  return (value.accounts as unknown[]).some(
    (account) => isRecord(account) && 'issuerName' in account && 'timeStep' in account,
  );
}

/** Folder id → name; LastPass numbers its folders. */
function folderNames(value: unknown): Map<number, string> {
  const folders = new Map<number, string>();
  if (!Array.isArray(value)) return folders;
  for (const folder of value as unknown[]) {
    if (isRecord(folder) && typeof folder.id === 'number' && typeof folder.name === 'string') {
      folders.set(folder.id, folder.name);
    }
  }
  return folders;
}

const named = (value: unknown, original: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value : original;

function read(accounts: unknown[], folders: Map<number, string>, source: string): Found {
  return readEntryList(accounts, source, {
    names: (entry) => ({
      issuer: named(entry.issuerName, entry.originalIssuerName),
      label: named(entry.userName, entry.originalUserName),
    }),
    fields(entry) {
      const folderId = isRecord(entry.folderData) ? entry.folderData.folderId : undefined;
      const folder =
        typeof folderId === 'number' && folderId !== OTHER_FOLDER && folderId !== FAVORITES_FOLDER
          ? folders.get(folderId)
          : undefined;
      return {
        type: 'totp',
        secret: entry.secret,
        algorithm: entry.algorithm,
        digits: entry.digits,
        // A time step of 0 (never written, but seen from hand edits) means LastPass's default.
        period: entry.timeStep === 0 ? undefined : entry.timeStep,
        tags: [folder],
        pinned: entry.isFavorite === true || folderId === FAVORITES_FOLDER,
      };
    },
  });
}

export function openLastPass(file: Record<string, unknown>, source: string): OpenedFile {
  const { version } = file;
  if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version))) {
    throw corrupt('its version is not a number');
  }
  const accounts = file.accounts as unknown[];
  const folders = folderNames(file.folders);
  return {
    format: 'lastpass',
    encrypted: false,
    read: async () => read(accounts, folders, source),
  };
}
