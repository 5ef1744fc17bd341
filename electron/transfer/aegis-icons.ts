// An account's icon as an Aegis entry keeps one (Aegis's VaultEntryIcon): the bytes as base64, their
// MIME type (image/png, image/jpeg or image/svg+xml), and Aegis's hash of them: SHA-256 over the MIME
// type's UTF-8 followed by the bytes, in hex. A picture goes as its PNG; a brand icon (chosen, or
// matched from the names as the list shows it) as its SVG in the brand's colour; the letter, one of
// our text badges, or a picture the vault does not have, as no icon (Aegis then draws its letter).
import { createHash } from 'node:crypto';
import type { Account } from '../../shared/account';
import { brandSvg, type BrandIcons } from '../icons/brand-icons';
import type { IconStore } from '../vault/icon-store';

export interface AegisIconFields {
  icon: string | null;
  icon_mime?: string;
  icon_hash?: string;
}

/** Aegis's hash of an icon (VaultEntryIcon.generateHash). */
export function aegisIconHash(mime: string, bytes: Uint8Array): string {
  return createHash('sha256').update(Buffer.from(mime, 'utf8')).update(bytes).digest('hex');
}

function fields(mime: string, bytes: Uint8Array): AegisIconFields {
  return {
    icon: Buffer.from(bytes).toString('base64'),
    icon_mime: mime,
    icon_hash: aegisIconHash(mime, bytes),
  };
}

/** The icon fields of the account's Aegis entry; `brands` finds a brand's SVG (none: no brand icons). */
export function aegisIcon(
  account: Pick<Account, 'icon' | 'issuer' | 'label'>,
  icons?: IconStore,
  brands?: Pick<BrandIcons, 'forAccount'>,
): AegisIconFields {
  const icon = account.icon;
  if (icon?.kind === 'image') {
    return icons && Object.hasOwn(icons, icon.hash)
      ? fields('image/png', Buffer.from(icons[icon.hash]!, 'base64'))
      : { icon: null };
  }
  const brand = brands?.forAccount(account);
  const svg = brand && brandSvg(brand);
  return svg ? fields('image/svg+xml', Buffer.from(svg, 'utf8')) : { icon: null };
}
