// Backups, files from other authenticators, and exports to another device, as the renderer sees them.
import type { ErrorInfo } from './errors';
import type { ImportPreview } from './import';

/** Every file format Authdesk imports, each with a stable id (also printed by `authdesk import`). */
export const IMPORT_FORMATS = [
  'authdesk-backup',
  'aegis',
  '2fas',
  'andotp',
  'bitwarden',
  'google',
  'otpauth-list',
  'microsoft-authenticator',
  'google-database',
  'authy',
  'lastpass',
  'freeotp-plus',
  'freeotp',
  'steam',
  'proton',
  'ente',
  'authenticator-pro',
  'duo',
  'totp-authenticator',
  'battle-net',
] as const;
export type ImportFormatId = (typeof IMPORT_FORMATS)[number];

/** The product names, for messages; not translated. */
export const IMPORT_FORMAT_NAMES: Record<ImportFormatId, string> = {
  'authdesk-backup': 'Authdesk backup',
  aegis: 'Aegis',
  '2fas': '2FAS',
  andotp: 'andOTP',
  bitwarden: 'Bitwarden',
  google: 'Google Authenticator export',
  'otpauth-list': 'otpauth:// list',
  'microsoft-authenticator': 'Microsoft Authenticator database',
  'google-database': 'Google Authenticator database',
  authy: 'Authy',
  lastpass: 'LastPass Authenticator',
  'freeotp-plus': 'FreeOTP+',
  freeotp: 'FreeOTP',
  steam: 'Steam Desktop Authenticator',
  proton: 'Proton Authenticator',
  ente: 'Ente Auth',
  'authenticator-pro': 'Authenticator Pro',
  duo: 'Duo Mobile',
  'totp-authenticator': 'TOTP Authenticator',
  'battle-net': 'Battle.net Authenticator',
};

export type { BackupInfo } from './backup-info';

/** Opening a file: a preview straight away, or first the password of an encrypted file. */
export type FileImportResult =
  | { status: 'preview'; preview: ImportPreview }
  | {
      status: 'password';
      /** Names the file held in main until the password comes (or the vault locks, or 10 minutes pass). */
      fileId: string;
      name: string;
      format: ImportFormatId;
    };

/** A QR code as its modules, row by row: `modules[y * size + x]` is '1' for a dark module. */
export interface QrMatrix {
  size: number;
  modules: string;
}

/** One account shown for transfer to a phone; hidden again at `hidesAt` or on lock. */
export interface RevealedAccount {
  id: string;
  issuer: string;
  label: string;
  uri: string;
  /** Base32, as stored (upper case, no padding); the window groups it in fours. */
  secret: string;
  qr: QrMatrix;
  /** Epoch ms. */
  hidesAt: number;
}

/** Selected accounts as Google Authenticator export codes, 10 accounts per code. */
export interface GoogleExportCodes {
  codes: { text: string; qr: QrMatrix }[];
  /** Accounts Google Authenticator cannot take (e.g. Steam), with the reason; not in any code. */
  skipped: { id: string; reason: string }[];
  hidesAt: number;
}

/** A reveal or a QR export stays on screen this long. */
export const REVEAL_MS = 60_000;

/** Automatic backups: where, how many, and how the last attempt went. */
export interface BackupStatus {
  /** On when a folder is set and the vault holds an automatic-backup key. */
  enabled: boolean;
  folder: string | null;
  keep: number;
  last: { at: string; path: string } | null;
  /** The last attempt's failure; cleared by the next success. */
  error: (ErrorInfo & { at: string }) | null;
}

export const DEFAULT_BACKUP_KEEP = 10;
export const MAX_BACKUP_KEEP = 1000;
