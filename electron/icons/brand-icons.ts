// Brand icons on main's side (the tray menu): the window's matching (shared/brand-icons) over
// simple-icons' own files, read at run time from the installed package (main's bundle keeps its
// dependencies external): the data file once, on first use, and an icon's SVG file when asked for.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AccountIcon } from '../../shared/account-icon';
import { brandRows, svgPath, type SimpleIconsEntry } from '../../shared/brand-icons/catalogue';
import { monochromeThemes, type Theme } from '../../shared/brand-icons/contrast';
import {
  createBrandMatcher,
  type Brand,
  type BrandMatcher,
} from '../../shared/brand-icons/matcher';

/** A brand to draw, with what the tray needs: an icon's path data, or a badge's text. */
export type BrandIcon = Brand & {
  /** The themes (of the window's icon tile) in which the brand's colour is too faint. */
  mono: Theme[];
  /** The icon's SVG path data in a 24×24 view box; absent for a badge (text in the brand's colour). */
  path?: string;
};

/** simple-icons' package folder as this module finds it. */
export function simpleIconsDir(): string {
  const dataFile = createRequire(import.meta.url).resolve('simple-icons/icons.json');
  return path.dirname(path.dirname(dataFile));
}

export class BrandIcons {
  private matcherCache: BrandMatcher | undefined;
  private readonly paths = new Map<string, string | undefined>();

  constructor(private readonly packageDir: string = simpleIconsDir()) {}

  /** The matcher, built from the package's data file on first use (about 10 ms). */
  matcher(): BrandMatcher {
    this.matcherCache ??= createBrandMatcher(
      brandRows(
        JSON.parse(
          readFileSync(path.join(this.packageDir, 'data', 'simple-icons.json'), 'utf8'),
        ) as SimpleIconsEntry[],
      ),
    );
    return this.matcherCache;
  }

  /**
   * The brand an account shows: the one chosen (icon.kind 'brand'), else the one matched from its
   * names; undefined for a picture or the letter chosen, or nothing matched.
   */
  forAccount(account: {
    issuer: string;
    label: string;
    icon?: AccountIcon;
  }): BrandIcon | undefined {
    const { icon } = account;
    if (icon?.kind === 'letter' || icon?.kind === 'image') return undefined;
    const matcher = this.matcher();
    const brand =
      (icon?.kind === 'brand' ? matcher.brand(icon.slug) : undefined) ?? matcher.match(account);
    return brand && this.withData(brand);
  }

  /** A brand by key (a simple-icons slug or a badge key). */
  byKey(key: string): BrandIcon | undefined {
    const brand = this.matcher().brand(key);
    return brand && this.withData(brand);
  }

  private withData(brand: Brand): BrandIcon {
    const mono = monochromeThemes(brand);
    if (brand.kind === 'badge') return { ...brand, mono };
    const path = this.pathOf(brand.key);
    return path === undefined ? { ...brand, mono } : { ...brand, mono, path };
  }

  private pathOf(slug: string): string | undefined {
    if (!this.paths.has(slug)) {
      let d: string | undefined;
      try {
        d = svgPath(readFileSync(path.join(this.packageDir, 'icons', `${slug}.svg`), 'utf8'));
      } catch {
        d = undefined; // a slug the data lists without a file: drawn as the letter
      }
      this.paths.set(slug, d);
    }
    return this.paths.get(slug);
  }
}

/**
 * An icon brand as a standalone SVG (what the tray rasterises): its path filled with `fill`
 * (the brand's colour unless given, e.g. a menu's text colour where the brand's is too faint).
 */
export function brandSvg(brand: BrandIcon, fill = `#${brand.hex}`): string | undefined {
  if (!brand.path) return undefined;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">` +
    `<path fill="${fill}" d="${brand.path}"/></svg>`
  );
}
