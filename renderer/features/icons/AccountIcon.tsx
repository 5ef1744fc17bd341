// An account's icon in a row: its chosen or matched brand, its picture, or the letter avatar. Drawn
// first as the letter (nothing waits for the brand list, a bucket or a picture) and swapped in the
// same box once loaded. Decorative: the account's name is always written beside it.
import { memo, useEffect, useSyncExternalStore, type CSSProperties } from 'react';
import { Avatar } from '../accounts/Avatar';
import { iconLook, type IconSubject } from './model/icon-look';
import {
  brandMatcher,
  brandPath,
  iconImage,
  iconsVersion,
  loadBrandPath,
  loadBrands,
  loadIconImage,
  subscribeIcons,
} from './icon-store';

const SOURCES = { matcher: undefined, path: brandPath, image: iconImage };

/** Badge text shrinks with its length (at most 5 characters) to stay inside the tile. */
const BADGE_SIZES = [0.42, 0.42, 0.42, 0.36, 0.3, 0.27];
const badgeSize = (text: string) => BADGE_SIZES[text.length] ?? 0.27;

/** `size` in CSS pixels; without it the list's size (icons.css: 34, compact 24, narrow 28). */
function AccountIconView({ account, size }: { account: IconSubject; size?: number }) {
  useSyncExternalStore(subscribeIcons, iconsVersion);
  const { look, needs } = iconLook(account, { ...SOURCES, matcher: brandMatcher() });
  useEffect(() => {
    if (needs.brands) loadBrands().catch(() => undefined);
    if (needs.path) loadBrandPath(needs.path);
    if (needs.image) loadIconImage(needs.image);
  }, [needs.brands, needs.path, needs.image]);

  const box = (size === undefined ? {} : { '--icon-size': `${size}px` }) as CSSProperties;
  const name = account.issuer || account.label || '?';
  switch (look.kind) {
    case 'letter':
      return (
        <span
          className="account-icon"
          style={box}
          // While a brand, its path data or a picture is still on its way (the bench waits for it).
          data-icon-pending={needs.brands || needs.path || needs.image ? '' : undefined}
          aria-hidden="true"
        >
          <Avatar name={name} />
        </span>
      );
    case 'image':
      return (
        <span className="account-icon icon-tile icon-picture" style={box} aria-hidden="true">
          <img src={look.url} alt="" draggable={false} />
        </span>
      );
    case 'icon':
      return (
        <span
          className="account-icon icon-tile brand-icon"
          style={{ ...box, '--brand': `#${look.brand.hex}` } as CSSProperties}
          data-brand={look.brand.key}
          data-mono={look.mono.join(' ') || undefined}
          aria-hidden="true"
        >
          <svg viewBox="0 0 24 24" focusable="false">
            <path d={look.path} />
          </svg>
        </span>
      );
    case 'badge':
      return (
        <span
          className="account-icon icon-tile brand-icon brand-badge"
          style={
            {
              ...box,
              '--brand': `#${look.brand.hex}`,
              '--badge-size': badgeSize(look.brand.text),
            } as CSSProperties
          }
          data-brand={look.brand.key}
          data-mono={look.mono.join(' ') || undefined}
          aria-hidden="true"
        >
          {look.brand.text}
        </span>
      );
  }
}

const sameIcon = (a: IconSubject['icon'], b: IconSubject['icon']) =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

/** Re-renders only when the names or the chosen icon change (the object may be new each time). */
export const AccountIcon = memo(
  AccountIconView,
  (before, after) =>
    before.size === after.size &&
    before.account.issuer === after.account.issuer &&
    before.account.label === after.account.label &&
    sameIcon(before.account.icon, after.account.icon),
);
