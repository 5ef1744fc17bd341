// An account's icon as an Aegis entry keeps one (Aegis's VaultEntryIcon): the bytes as base64, their
// MIME type (image/png, image/jpeg or image/svg+xml), and Aegis's hash of them: SHA-256 over the MIME
// type's UTF-8 followed by the bytes, in hex. The icon the account keeps is written: a picture as its
// PNG, a chosen brand as its SVG in the brand's colour. The letter, one of our text badges, a picture
// the vault does not have, and the automatic match (which is no icon of the account's: Aegis matches
// with its own icon packs) go as no icon, and Aegis draws its letter.
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
  account: Pick<Account, 'icon'>,
  icons?: IconStore,
  brands?: Pick<BrandIcons, 'byKey'>,
): AegisIconFields {
  const icon = account.icon;
  if (icon?.kind === 'image' && icons && Object.hasOwn(icons, icon.hash)) {
    return fields('image/png', Buffer.from(icons[icon.hash]!, 'base64'));
  }
  const brand = icon?.kind === 'brand' ? brands?.byKey(icon.slug) : undefined;
  const svg = brand && brandSvg(brand);
  return svg ? fields('image/svg+xml', Buffer.from(svg, 'utf8')) : { icon: null };
}
