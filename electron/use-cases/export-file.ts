// Exports as files, the one way for the window and `authdesk export`: the chosen accounts → the
// format's text (an Authdesk backup, an Aegis vault encrypted or plain, an otpauth:// list) → a
// durable write (0600, no .bak). Google Authenticator codes are not a file: googleExportCodes.
import type { Account } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import { encodeAegisEncrypted, encodeAegisPlain } from '../transfer/aegis-export';
import { otpauthListText } from '../transfer/device-export';
import { writeFileDurably } from '../vault/durable-write';
import type { KdfCost } from '../vault/kdf';
import { writeBackupWithPassword } from './backup';
import { usedIcons, type IconStore } from '../vault/icon-store';

export { googleExportCodes } from '../transfer/device-export';

/** `authdesk export --format`: the file formats, then the Google Authenticator codes. */
export const EXPORT_FORMATS = ['authdesk', 'aegis', 'aegis-plain', 'otpauth', 'google-qr'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type FileExportFormat = Exclude<ExportFormat, 'google-qr'>;

/** Formats that hold the secret keys in plain text: the user confirms the risk first. */
export const PLAIN_FORMATS: ReadonlySet<ExportFormat> = new Set([
  'aegis-plain',
  'otpauth',
  'google-qr',
]);
/** Formats sealed under a password of the export's own. */
export const ENCRYPTED_FORMATS: ReadonlySet<ExportFormat> = new Set(['authdesk', 'aegis']);

/** The name a file of this format is offered under: authdesk-2026-12-02.authdesk, …-aegis.json, … */
export function defaultExportName(format: FileExportFormat, now: Date): string {
  const day = now.toISOString().slice(0, 10);
  switch (format) {
    case 'authdesk':
      return `authdesk-${day}.authdesk`;
    case 'aegis':
      return `authdesk-aegis-${day}.json`;
    case 'aegis-plain':
      return `authdesk-aegis-plain-${day}.json`;
    case 'otpauth':
      return `authdesk-accounts-${day}.txt`;
  }
}

export interface FileExport {
  format: FileExportFormat;
  path: string;
  /** `icons`: the vault's icon pictures (Vault.contents); each file carries those its accounts use. */
  contents: { accounts: Account[]; groups: string[]; icons?: IconStore };
  /** The export's own password: required for authdesk and aegis, ignored by the plain formats. */
  password?: string;
  appVersion: string;
  now: Date;
  /** Runs after the slow key derivation, just before the write (the CLI checks again that it overwrites nothing). */
  beforeWrite?: () => Promise<void>;
  /** Tests only: a cheaper KDF for the Authdesk backup. */
  kdf?: Partial<KdfCost>;
}

function exportPassword(password: string | undefined): string {
  if (!password) {
    throw new AuthdeskError(
      'PASSWORD_INVALID',
      'The export password must not be empty. Nothing was written.',
    );
  }
  return password;
}

/** Writes the file; { path, count } of what was written. */
export async function writeExportFile(x: FileExport): Promise<{ path: string; count: number }> {
  const count = x.contents.accounts.length;
  if (x.format === 'authdesk') {
    return writeBackupWithPassword(x.path, exportPassword(x.password), {
      contents: x.contents,
      appVersion: x.appVersion,
      now: x.now,
      ...(x.kdf && { kdf: x.kdf }),
      ...(x.beforeWrite && { beforeWrite: x.beforeWrite }),
    });
  }
  const text =
    x.format === 'aegis'
      ? await encodeAegisEncrypted(x.contents, exportPassword(x.password))
      : x.format === 'aegis-plain'
        ? encodeAegisPlain(x.contents)
        : otpauthListText(x.contents.accounts, x.now);
  await x.beforeWrite?.();
  await writeFileDurably(x.path, text, { keepPrevious: false, what: 'export' });
  return { path: x.path, count };
}

/** The tags of the chosen accounts, in the vault's order (an export of some carries only theirs). */
export function exportContents(
  all: { accounts: Account[]; groups: string[]; icons?: IconStore },
  chosen: Account[],
): { accounts: Account[]; groups: string[]; icons?: IconStore } {
  const used = new Set(chosen.flatMap((a) => a.tags ?? []));
  return {
    accounts: chosen,
    groups: all.groups.filter((g) => used.has(g)),
    ...usedIcons(chosen, all.icons),
  };
}
