// How corpus cases are drawn: page sizes, code styles, file formats and the usual screen layouts.
import { encodeJpeg, encodePng } from './encode';
import { drawFinderDecoy, qrRaster, type QrStyle } from './qr-draw';
import { awsUri, googleExport, totpUri } from './payloads';
import type { Rng } from './random';
import { type Raster, rgb } from './raster';
import { PALETTE } from './scenes';
import { type PageOptions, awsMfaScreen, codesPage, phoneExportScreen } from './screens';

export interface Drawn {
  raster: Raster;
  /** The code texts, in reading order (top to bottom, then left to right), each once. */
  expected: string[];
}

export const HD: PageOptions = { width: 1920, height: 1080, scale: 1, theme: 'light' };
export const UHD: PageOptions = { width: 3840, height: 2160, scale: 2, theme: 'light' };
export const FIVE_K: PageOptions = { width: 5120, height: 2880, scale: 2, theme: 'light' };
export const withPhoto = (
  page: PageOptions,
  photo: PageOptions['photo'] = 'illustration',
): PageOptions => ({ ...page, photo });
export const dark = (page: PageOptions): PageOptions => ({ ...page, theme: 'dark' });

/** Light modules on the dark card: what a dark-mode page that inverts its images shows. */
export const INVERTED: Partial<QrStyle> = { dark: rgb('#e6e6e6'), light: PALETTE.dark.card };

export const png = (kind: 'rgba' | 'rgb' | 'gray') => ({
  format: 'png' as const,
  encode: (r: Raster) => encodePng(r, kind),
});
export const jpeg = (quality: number) => ({
  format: 'jpeg' as const,
  encode: (r: Raster) => encodeJpeg(r, quality),
});

export function aws(page: PageOptions, style: QrStyle, transform?: (r: Raster) => Raster) {
  return (rng: Rng): Drawn => {
    const uri = awsUri(rng);
    const r = awsMfaScreen(rng, page, qrRaster(uri, style));
    return { raster: transform ? transform(r) : r, expected: [uri] };
  };
}

export function grid(
  page: PageOptions,
  texts: (rng: Rng) => string[],
  style: QrStyle,
  columns: number,
) {
  return (rng: Rng): Drawn => {
    const expected = texts(rng);
    return {
      raster: codesPage(
        rng,
        page,
        expected.map((t) => qrRaster(t, style)),
        columns,
      ),
      expected,
    };
  };
}

export const several = (n: number) => (rng: Rng) => Array.from({ length: n }, () => totpUri(rng));

export function phoneBatch(index: number, theme: 'light' | 'dark') {
  return (rng: Rng): Drawn => {
    const uri = googleExport(rng, 25)[index]!;
    return { raster: phoneExportScreen(rng, theme, qrRaster(uri, { module: 7 })), expected: [uri] };
  };
}

/** Single finder look-alikes, and three arranged like a code's corners around noise. */
export function decoys(r: Raster, area: { x: number; y: number; w: number }, m: number): void {
  drawFinderDecoy(r, area.x + m, area.y + m, m);
  drawFinderDecoy(r, area.x + 14 * m, area.y + 3 * m, Math.max(1, m - 1));
  const x = area.x + m;
  const y = area.y + 20 * m;
  const side = 29;
  r.fillRect(x - m, y - m, (side + 2) * m, (side + 2) * m, [255, 255, 255, 255]);
  for (const [cx, cy] of [
    [0, 0],
    [side - 7, 0],
    [0, side - 7],
  ] as const)
    drawFinderDecoy(r, x + cx * m, y + cy * m, m);
  // A checkerboard in the middle gives the detector timing-like patterns but no valid data.
  for (let j = 9; j < side - 9; j++)
    for (let i = 9; i < side - 9; i++)
      if ((i + j) % 2 === 0) r.fillRect(x + i * m, y + j * m, m, m, [0, 0, 0, 255]);
}
