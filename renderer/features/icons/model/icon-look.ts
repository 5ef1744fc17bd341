// What an account's icon looks like right now, from what has loaded: its chosen icon (a brand, a
// picture, the letter), else the brand it matches, else the letter; and what still has to be loaded.
// Until a brand's path data or a picture arrives the letter stands in, in the same box.
import type { AccountIcon } from '../../../../shared/account-icon';
import { monochromeThemes, type Theme } from '../../../../shared/brand-icons/contrast';
import type { Brand, BrandMatcher } from '../../../../shared/brand-icons/matcher';

export interface IconSubject {
  issuer: string;
  label: string;
  icon?: AccountIcon;
}

export type IconLook =
  | { kind: 'letter' }
  | { kind: 'icon'; brand: Brand; path: string; mono: readonly Theme[] }
  | { kind: 'badge'; brand: Extract<Brand, { kind: 'badge' }>; mono: readonly Theme[] }
  | { kind: 'image'; url: string };

/** What to load for the look to be complete. */
export interface IconNeeds {
  brands?: true;
  path?: string;
  image?: string;
}

export interface IconSources {
  /** undefined until the brand list has loaded. */
  matcher: BrandMatcher | undefined;
  path: (slug: string) => string | undefined;
  /** A data: URL; null when there is no such picture; undefined while unknown. */
  image: (hash: string) => string | null | undefined;
}

const LETTER: IconLook = { kind: 'letter' };
const monoCache = new Map<string, readonly Theme[]>();

function monoOf(brand: Brand): readonly Theme[] {
  let mono = monoCache.get(brand.key);
  if (!mono) monoCache.set(brand.key, (mono = monochromeThemes(brand)));
  return mono;
}

function brandLook(brand: Brand, sources: IconSources): { look: IconLook; needs: IconNeeds } {
  if (brand.kind === 'badge')
    return { look: { kind: 'badge', brand, mono: monoOf(brand) }, needs: {} };
  const path = sources.path(brand.key);
  return path
    ? { look: { kind: 'icon', brand, path, mono: monoOf(brand) }, needs: {} }
    : { look: LETTER, needs: { path: brand.key } };
}

export function iconLook(
  subject: IconSubject,
  sources: IconSources,
): { look: IconLook; needs: IconNeeds } {
  const { icon } = subject;
  if (icon?.kind === 'letter') return { look: LETTER, needs: {} };
  if (icon?.kind === 'image') {
    const url = sources.image(icon.hash);
    if (url) return { look: { kind: 'image', url }, needs: {} };
    if (url === undefined) return { look: LETTER, needs: { image: icon.hash } };
    // A picture the vault no longer has: matched automatically, as if none had been chosen.
  }
  const { matcher } = sources;
  if (!matcher) return { look: LETTER, needs: { brands: true } };
  const chosen = icon?.kind === 'brand' ? matcher.brand(icon.slug) : undefined;
  const brand = chosen ?? matcher.match(subject);
  return brand ? brandLook(brand, sources) : { look: LETTER, needs: {} };
}
