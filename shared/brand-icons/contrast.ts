// Whether a brand's colour can be seen on the icon tile in each theme (WCAG 2 contrast ratio): an icon
// is a graphic that must reach 3:1 (WCAG 1.4.11), a text badge 4.5:1 (1.4.3); below that it is drawn
// in the theme's text colour instead. The tile colours are renderer/styles/icons.css's tokens.
import type { Brand } from './matcher';

/** --icon-tile in each theme (renderer/styles/icons.css; a unit test keeps the two equal). */
export const ICON_TILE = { light: '#ffffff', dark: '#16191d' } as const;
export type Theme = keyof typeof ICON_TILE;
export const THEMES = ['light', 'dark'] as const satisfies readonly Theme[];

export const MIN_GRAPHIC_CONTRAST = 3;
export const MIN_TEXT_CONTRAST = 4.5;

const HEX = /^#?([0-9a-f]{6})$/i;

/** The relative luminance of an sRGB colour (#RRGGBB or RRGGBB), 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  const digits = HEX.exec(hex)?.[1];
  if (!digits) throw new Error(`Not a colour: ${hex}`);
  const channel = (at: number) => {
    const value = parseInt(digits.slice(at, at + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** The WCAG contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The themes in which a brand is drawn in the text colour because its own is too faint there. */
export function monochromeThemes(brand: Pick<Brand, 'kind' | 'hex'>): Theme[] {
  const least = brand.kind === 'badge' ? MIN_TEXT_CONTRAST : MIN_GRAPHIC_CONTRAST;
  return THEMES.filter((theme) => contrastRatio(brand.hex, ICON_TILE[theme]) < least);
}
