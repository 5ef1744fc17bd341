// An account's own picture as its icon, the one way for every door: bytes from the window (dropped or
// pasted), a file chosen in main's dialog, a path on the command line → the picture pipeline in its
// worker (electron/icons/) → the vault's icon store. And the kept pictures the window shows, by hash.
import type { Account } from '../../shared/account';
import { ICON_LIMITS } from '../../shared/account-icon';
import { AuthdeskError } from '../../shared/errors';
import { iconPictures, type IconPictures } from '../icons/icon-pictures';
import { readFileWithin } from '../import/read-file';
import type { FilePickerPort } from '../ports';
import type { Vault } from '../vault/vault';

export interface AccountIconDeps {
  vault: Vault;
  /** The open imports, whose previews show the pictures their files hold (the window's). */
  imports?: { iconImages(hashes: readonly string[]): Record<string, string> };
  /** main's open dialog (the window's). */
  filePicker?: Pick<FilePickerPort, 'pickIcon'>;
  /** The picture pipeline; the process's shared worker unless given. */
  pictures?: Pick<IconPictures, 'picture'>;
}

const MB = 1024 * 1024;

function tooLarge(size: number): AuthdeskError {
  return new AuthdeskError(
    'IMAGE_TOO_LARGE',
    `This file is ${(size / MB).toFixed(1)} MB; an icon's picture may be at most ${ICON_LIMITS.maxSourceBytes / MB} MB.`,
  );
}

/** A picture file on disk, read within ICON_LIMITS (IMAGE_TOO_LARGE), else IO_ERROR. */
export function readIconFile(path: string): Promise<Uint8Array> {
  return readFileWithin(path, ICON_LIMITS.maxSourceBytes, {
    unreadable: (message, cause) =>
      new AuthdeskError('IO_ERROR', `Cannot read ${path}: ${message}`, { cause }),
    tooLarge,
  });
}

export class AccountIcons {
  constructor(private readonly deps: AccountIconDeps) {}

  /**
   * The picture (PNG, JPEG, WebP or SVG bytes) becomes the account's icon. The account is looked up
   * first (ACCOUNT_NOT_FOUND, VAULT_LOCKED before any decoding); then IMAGE_TOO_LARGE,
   * ICON_UNREADABLE or ICON_TOO_LARGE from the pipeline, and nothing changes.
   */
  async setFromBytes(id: string, bytes: Uint8Array): Promise<Account> {
    this.deps.vault.get(id);
    if (bytes.byteLength > ICON_LIMITS.maxSourceBytes) throw tooLarge(bytes.byteLength);
    const png = await (this.deps.pictures ?? iconPictures()).picture(bytes);
    return this.deps.vault.setIconPicture(id, png);
  }

  /** The window's bytes, as base64 (setAccountIconImage); refused by size before decoding. */
  async setFromBase64(id: string, base64: string): Promise<Account> {
    this.deps.vault.get(id);
    const size = Math.floor((base64.length * 3) / 4);
    if (size > ICON_LIMITS.maxSourceBytes + 2) throw tooLarge(size);
    return this.setFromBytes(id, Buffer.from(base64, 'base64'));
  }

  /** A picture file on disk (the command line, the dialog's choice); IO_ERROR when it cannot be read. */
  async setFromFile(id: string, path: string): Promise<Account> {
    this.deps.vault.get(id);
    return this.setFromBytes(id, await readIconFile(path));
  }

  /** main's open dialog for one picture; null when the user closed it without choosing. */
  async pick(id: string): Promise<Account | null> {
    this.deps.vault.get(id);
    const path = (await this.deps.filePicker?.pickIcon()) ?? null;
    if (path === null) return null;
    return this.setFromFile(id, path);
  }

  /** The pictures among `hashes` as data: URLs: the vault's, and those of open imports' previews. */
  images(hashes: readonly string[]): Record<string, string> {
    const fromVault = this.deps.vault.iconImages(hashes);
    const missing = hashes.filter((hash) => !Object.hasOwn(fromVault, hash));
    return missing.length > 0 && this.deps.imports
      ? { ...this.deps.imports.iconImages(missing), ...fromVault }
      : fromVault;
  }
}
