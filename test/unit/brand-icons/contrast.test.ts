// Proves the dark-mode rule: a brand's colour is checked against the icon tile of each theme (WCAG
// contrast ratio; 3:1 for an icon, 4.5:1 for a badge's text) and drawn in the text colour where it
// falls short; and that the tile colours here are the ones the style sheet paints.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  ICON_TILE,
  luminance,
  monochromeThemes,
} from '../../../shared/brand-icons/contrast';
import { matcher } from './simple-icons-data';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
const brand = (key: string) => matcher.brand(key)!;

describe('contrast ratio', () => {
  it('gives WCAG 2 ratios: 21 for black on white, 1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('FFFFFF', '000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    // A published reference pair: #767676 on white is the lightest grey that reaches 4.5:1.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(luminance('#ffffff')).toBe(1);
  });

  it('refuses what is not a colour', () => {
    expect(() => luminance('red')).toThrow('Not a colour');
  });
});

describe('monochrome where the brand colour cannot be seen', () => {
  it('draws GitHub (#181717) in the text colour on the dark tile only', () => {
    expect(brand('github').hex).toBe('181717');
    expect(monochromeThemes(brand('github'))).toEqual(['dark']);
  });

  it('keeps Dropbox and Discord in their colours in both themes', () => {
    expect(monochromeThemes(brand('dropbox'))).toEqual([]);
    expect(monochromeThemes(brand('discord'))).toEqual([]);
  });

  it('draws a white brand (Sony) in the text colour on the light tile', () => {
    expect(brand('sony').hex).toBe('FFFFFF');
    expect(monochromeThemes(brand('sony'))).toEqual(['light']);
  });

  it('holds a badge to the text threshold: AWS orange is too faint on white, fine on dark', () => {
    expect(contrastRatio('#FF9900', ICON_TILE.light)).toBeGreaterThan(2);
    expect(monochromeThemes(brand('aws'))).toEqual(['light']);
    // 3.9:1 would do for an icon, not for text.
    expect(contrastRatio('#0078D4', ICON_TILE.dark)).toBeGreaterThan(3);
    expect(monochromeThemes(brand('microsoft'))).toEqual(['dark']);
  });
});

describe('the tile colours', () => {
  it('are the ones renderer/styles/icons.css paints in each theme', () => {
    const css = readFileSync(path.join(REPO, 'renderer/styles/icons.css'), 'utf8');
    const tile = (selector: string) => {
      const block = css.slice(css.indexOf(`${selector} {`));
      return /--icon-tile:\s*(#[0-9a-f]{6})/i.exec(block.slice(0, block.indexOf('}')))?.[1];
    };
    expect(tile(':root')).toBe(ICON_TILE.light);
    expect(tile(":root[data-theme='dark']")).toBe(ICON_TILE.dark);
  });
});
