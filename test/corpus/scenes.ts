// Page furniture for synthetic screenshots: backgrounds, header bars, text-like lines, cards, buttons.
import type { Rng } from './random';
import { Raster, type Rgba, rgb } from './raster';

export type Theme = 'light' | 'dark';

export const PALETTE = {
  light: {
    page: rgb('#f2f3f3'),
    card: rgb('#ffffff'),
    border: rgb('#d5dbdb'),
    text: rgb('#16191f'),
    muted: rgb('#687078'),
  },
  dark: {
    page: rgb('#0f1b2a'),
    card: rgb('#1b2736'),
    border: rgb('#414d5c'),
    text: rgb('#d1d5db'),
    muted: rgb('#8d99a8'),
  },
} as const;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const mix = (a: Rgba, b: Rgba, t: number): Rgba => [
  Math.round(a[0] + (b[0] - a[0]) * t),
  Math.round(a[1] + (b[1] - a[1]) * t),
  Math.round(a[2] + (b[2] - a[2]) * t),
  255,
];

/**
 * One line of text-like glyphs: strokes with anti-aliased (half-tone) edges, so the page compresses
 * like a real screenshot rather than like flat colour.
 */
export function textLine(
  r: Raster,
  rng: Rng,
  x: number,
  y: number,
  width: number,
  size: number,
  color: Rgba,
  bg: Rgba,
): void {
  const stroke = Math.max(1, Math.round(size / 9));
  const edge = mix(bg, color, 0.45);
  let cx = x;
  const end = x + width * (0.55 + 0.45 * rng.next());
  while (cx < end) {
    const word = rng.int(2, 9);
    for (let g = 0; g < word && cx < end; g++) {
      const gw = Math.round(size * (0.4 + 0.25 * rng.next()));
      const tall = rng.next() < 0.3;
      const top = y + Math.round(size * (tall ? 0.1 : 0.35));
      const bottom = y + Math.round(size * 0.85);
      const strokes = rng.int(1, 3);
      for (let s = 0; s < strokes; s++) {
        const sx = cx + Math.round((gw - stroke) * rng.next());
        r.fillRect(sx - 1, top, 1, bottom - top, edge);
        r.fillRect(sx, top, stroke, bottom - top, color);
      }
      const hy = top + Math.round((bottom - top) * rng.next());
      r.fillRect(cx, hy, gw - 1, stroke, color);
      r.fillRect(cx, hy + stroke, gw - 1, 1, edge);
      cx += gw + Math.max(1, Math.round(size * 0.08));
    }
    cx += Math.round(size * 0.35);
  }
}

export function paragraph(
  r: Raster,
  rng: Rng,
  box: Box,
  size: number,
  color: Rgba,
  bg: Rgba,
): number {
  const lineHeight = Math.round(size * 1.5);
  let y = box.y;
  while (y + lineHeight <= box.y + box.h) {
    textLine(r, rng, box.x, y, box.w, size, color, bg);
    y += lineHeight;
  }
  return y;
}

/**
 * A photo-like panel (smooth gradients with grain), the part of a real screenshot that makes its
 * PNG large: decode time depends on it, so the 4K and 5K cases carry one.
 */
export function photo(r: Raster, rng: Rng, box: Box): void {
  const x0 = Math.max(0, Math.round(box.x));
  const y0 = Math.max(0, Math.round(box.y));
  const x1 = Math.min(r.width, Math.round(box.x + box.w));
  const y1 = Math.min(r.height, Math.round(box.y + box.h));
  const hue = [rng.int(40, 120), rng.int(80, 160), rng.int(120, 220)];
  for (let y = y0; y < y1; y++) {
    const v = (y - y0) / Math.max(1, y1 - y0);
    for (let x = x0; x < x1; x++) {
      const u = (x - x0) / Math.max(1, x1 - x0);
      const wave = 40 * Math.sin(6 * u + 3 * v) * Math.cos(4 * v - 2 * u);
      const grain = rng.int(-4, 4);
      const o = (y * r.width + x) * 4;
      r.data[o] = hue[0]! + 60 * u + wave + grain;
      r.data[o + 1] = hue[1]! + 50 * v - wave + grain;
      r.data[o + 2] = hue[2]! - 40 * u + grain;
      r.data[o + 3] = 255;
    }
  }
}

export function card(r: Raster, box: Box, theme: Theme, scale: number): void {
  const p = PALETTE[theme];
  r.fillRect(box.x + scale, box.y + 2 * scale, box.w, box.h, mix(p.page, [0, 0, 0, 255], 0.08));
  r.fillRect(box.x - 1, box.y - 1, box.w + 2, box.h + 2, p.border);
  r.fillRect(box.x, box.y, box.w, box.h, p.card);
}

export function button(r: Raster, rng: Rng, box: Box, fill: Rgba, label: Rgba): void {
  r.fillRect(box.x, box.y, box.w, box.h, fill);
  const size = Math.round(box.h * 0.45);
  textLine(
    r,
    rng,
    box.x + box.h * 0.5,
    box.y + (box.h - size) / 2,
    box.w - box.h,
    size,
    label,
    fill,
  );
}

/** A web console: header bar, left navigation, breadcrumbs and title; returns the content area. */
export function consolePage(
  rng: Rng,
  width: number,
  height: number,
  scale: number,
  theme: Theme,
): { raster: Raster; content: Box } {
  const p = PALETTE[theme];
  const r = new Raster(width, height, p.page);
  const header = 48 * scale;
  r.fillRect(0, 0, width, header, rgb('#232f3e'));
  r.fillRect(16 * scale, 12 * scale, 48 * scale, 24 * scale, rgb('#ff9900'));
  textLine(r, rng, 90 * scale, 16 * scale, 300 * scale, 14 * scale, rgb('#ffffff'), rgb('#232f3e'));
  textLine(
    r,
    rng,
    width - 320 * scale,
    16 * scale,
    280 * scale,
    14 * scale,
    rgb('#d5dbdb'),
    rgb('#232f3e'),
  );
  const nav = 260 * scale;
  r.fillRect(0, header, nav, height - header, p.card);
  for (let y = header + 24 * scale; y < height - 40 * scale; y += 34 * scale) {
    textLine(r, rng, 24 * scale, y, nav - 60 * scale, 13 * scale, p.muted, p.card);
  }
  textLine(
    r,
    rng,
    nav + 32 * scale,
    header + 20 * scale,
    420 * scale,
    12 * scale,
    rgb('#0972d3'),
    p.page,
  );
  textLine(r, rng, nav + 32 * scale, header + 48 * scale, 520 * scale, 24 * scale, p.text, p.page);
  const top = header + 100 * scale;
  return {
    raster: r,
    content: {
      x: nav + 32 * scale,
      y: top,
      w: width - nav - 64 * scale,
      h: height - top - 32 * scale,
    },
  };
}
