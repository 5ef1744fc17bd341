// Whole synthetic screenshots: an AWS-like MFA setup page, a page of several codes, a phone export screen.
import type { Rng } from './random';
import { Raster, rgb } from './raster';
import {
  type Box,
  PALETTE,
  type Theme,
  button,
  card,
  consolePage,
  paragraph,
  photo,
  textLine,
} from './scenes';

export interface PageOptions {
  width: number;
  height: number;
  /** Device pixel ratio: 1 for 1080p, 2 for 4K and 5K. */
  scale: number;
  theme: Theme;
  /**
   * Photo-like content beside the card, to give the file a real screenshot's weight: a help
   * illustration, or the whole side (a wallpaper or an image-heavy page).
   */
  photo?: 'illustration' | 'full';
}

/** "Set up virtual MFA device": instructions, the QR code, two MFA code fields and the buttons. */
export function awsMfaScreen(
  rng: Rng,
  page: PageOptions,
  code: Raster | null,
  extras?: (r: Raster, area: Box) => void,
): Raster {
  const s = page.scale;
  const p = PALETTE[page.theme];
  const { raster: r, content } = consolePage(rng, page.width, page.height, s, page.theme);
  const box: Box = { x: content.x, y: content.y, w: Math.min(content.w, 980 * s), h: content.h };
  card(r, box, page.theme, s);
  const inner = { x: box.x + 24 * s, w: box.w - 48 * s };
  textLine(r, rng, inner.x, box.y + 20 * s, 360 * s, 20 * s, p.text, p.card);
  let y = paragraph(
    r,
    rng,
    { x: inner.x, y: box.y + 60 * s, w: inner.w, h: 70 * s },
    14 * s,
    p.muted,
    p.card,
  );
  textLine(r, rng, inner.x, y + 10 * s, 500 * s, 15 * s, p.text, p.card);
  y += 44 * s;
  const qrSize = code ? code.height : 220 * s;
  if (code) r.blit(code, inner.x + 24 * s, y);
  else r.fillRect(inner.x + 24 * s, y, qrSize, qrSize, p.page);
  paragraph(
    r,
    rng,
    {
      x: inner.x + qrSize + 60 * s,
      y: y + 10 * s,
      w: inner.w - qrSize - 90 * s,
      h: qrSize - 20 * s,
    },
    14 * s,
    p.muted,
    p.card,
  );
  y += qrSize + 24 * s;
  for (let field = 0; field < 2 && y + 80 * s < box.y + box.h; field++) {
    textLine(r, rng, inner.x, y, 120 * s, 14 * s, p.text, p.card);
    r.fillRect(inner.x, y + 24 * s, 320 * s, 34 * s, p.border);
    r.fillRect(inner.x + 1, y + 24 * s + 1, 320 * s - 2, 34 * s - 2, p.card);
    y += 76 * s;
  }
  if (y + 40 * s < box.y + box.h) {
    button(r, rng, { x: box.x + box.w - 300 * s, y, w: 110 * s, h: 32 * s }, p.page, p.text);
    button(
      r,
      rng,
      { x: box.x + box.w - 170 * s, y, w: 146 * s, h: 32 * s },
      rgb('#ec7211'),
      rgb('#ffffff'),
    );
  }
  const aside = {
    x: box.x + box.w + 24 * s,
    y: box.y,
    w: content.x + content.w - box.x - box.w - 24 * s,
    h: box.h,
  };
  if (page.photo) photo(r, rng, page.photo === 'full' ? aside : { ...aside, h: aside.h * 0.35 });
  extras?.(r, aside);
  return r;
}

/** A console page with one card per code in a grid, each with a caption, in reading order. */
export function codesPage(rng: Rng, page: PageOptions, codes: Raster[], columns: number): Raster {
  const s = page.scale;
  const p = PALETTE[page.theme];
  const { raster: r, content } = consolePage(rng, page.width, page.height, s, page.theme);
  const cellW = Math.floor(content.w / columns);
  const rows = Math.ceil(codes.length / columns);
  const cellH = Math.floor(content.h / rows);
  codes.forEach((code, i) => {
    const x = content.x + (i % columns) * cellW;
    const y = content.y + Math.floor(i / columns) * cellH;
    const box = { x, y, w: cellW - 24 * s, h: cellH - 24 * s };
    card(r, box, page.theme, s);
    textLine(r, rng, x + 16 * s, y + 14 * s, box.w - 32 * s, 16 * s, p.text, p.card);
    const top = y + 44 * s;
    if (code.width > box.w || top + code.height > y + box.h)
      throw new Error(`code ${i} does not fit its card`);
    r.blit(code, x + Math.floor((box.w - code.width) / 2), top);
    const below = top + code.height + 12 * s;
    paragraph(
      r,
      rng,
      { x: x + 16 * s, y: below, w: box.w - 32 * s, h: y + box.h - below - 8 * s },
      13 * s,
      p.muted,
      p.card,
    );
  });
  return r;
}

/** Google Authenticator's "Export accounts" screen on a phone (1080×2400), one batch's code. */
export function phoneExportScreen(rng: Rng, theme: Theme, code: Raster): Raster {
  const s = 2.75;
  const bg = theme === 'light' ? rgb('#ffffff') : rgb('#1f1f1f');
  const fg = theme === 'light' ? rgb('#1f1f1f') : rgb('#e3e3e3');
  const r = new Raster(1080, 2400, bg);
  textLine(r, rng, 40, 30, 160, 34, fg, bg);
  textLine(r, rng, 860, 30, 180, 34, fg, bg);
  r.fillRect(40, 150, 40, 8, fg);
  textLine(r, rng, 130, 130, 600, 56, fg, bg);
  paragraph(r, rng, { x: 60, y: 280, w: 960, h: 220 }, 16 * s, fg, bg);
  r.blit(code, Math.floor((1080 - code.width) / 2), 560);
  const below = 560 + code.height + 60;
  textLine(r, rng, 440, below, 200, 16 * s, fg, bg);
  paragraph(r, rng, { x: 60, y: below + 100, w: 960, h: 200 }, 14 * s, fg, bg);
  button(r, rng, { x: 740, y: 2180, w: 280, h: 110 }, rgb('#0b57d0'), rgb('#ffffff'));
  return r;
}
