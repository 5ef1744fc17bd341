// An RGBA pixel buffer and the few operations the corpus needs: rectangles, copies, zoom, blur, rotation.

export type Rgba = readonly [number, number, number, number];

export const rgb = (hex: string, alpha = 255): Rgba => {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff, alpha];
};

export class Raster {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    fill: Rgba = [255, 255, 255, 255],
  ) {
    this.data = new Uint8Array(width * height * 4);
    this.fillRect(0, 0, width, height, fill);
  }

  /** Fills a rectangle, clipped to the raster; fractional edges are rounded. */
  fillRect(x: number, y: number, w: number, h: number, color: Rgba): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    if (x1 <= x0 || y1 <= y0) return;
    // Write one row, then copy it: filling a 5K page pixel by pixel would dominate the corpus time.
    const row = new Uint8Array((x1 - x0) * 4);
    for (let i = 0; i < row.length; i += 4) row.set(color, i);
    for (let yy = y0; yy < y1; yy++) this.data.set(row, (yy * this.width + x0) * 4);
  }

  /** Copies src onto this raster with its top-left corner at (x, y), replacing the pixels. */
  blit(src: Raster, x: number, y: number): void {
    const x0 = Math.round(x);
    const y0 = Math.round(y);
    for (let sy = 0; sy < src.height; sy++) {
      const ty = y0 + sy;
      if (ty < 0 || ty >= this.height) continue;
      const from = Math.max(0, -x0);
      const to = Math.min(src.width, this.width - x0);
      if (to <= from) continue;
      const start = (sy * src.width + from) * 4;
      this.data.set(
        src.data.subarray(start, start + (to - from) * 4),
        (ty * this.width + x0 + from) * 4,
      );
    }
  }
}

/** Resamples by a (non-integer) factor with bilinear interpolation, as a browser zoom does. */
export function scaleBilinear(src: Raster, factor: number): Raster {
  const out = new Raster(Math.round(src.width * factor), Math.round(src.height * factor));
  for (let y = 0; y < out.height; y++) {
    const sy = Math.min(src.height - 1, Math.max(0, (y + 0.5) / factor - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(src.height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < out.width; x++) {
      const sx = Math.min(src.width - 1, Math.max(0, (x + 0.5) / factor - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(src.width - 1, x0 + 1);
      const fx = sx - x0;
      for (let c = 0; c < 4; c++) {
        const at = (xx: number, yy: number) => src.data[(yy * src.width + xx) * 4 + c]!;
        const top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
        const bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
        out.data[(y * out.width + x) * 4 + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return out;
}

/** A 3×3 box blur repeated `passes` times (two passes approximate a small Gaussian). */
export function boxBlur(src: Raster, passes = 1): Raster {
  let cur = src;
  for (let p = 0; p < passes; p++) {
    const out = new Raster(cur.width, cur.height);
    for (let y = 0; y < cur.height; y++) {
      for (let x = 0; x < cur.width; x++) {
        for (let c = 0; c < 4; c++) {
          let sum = 0;
          let n = 0;
          for (let dy = -1; dy <= 1; dy++) {
            const yy = y + dy;
            if (yy < 0 || yy >= cur.height) continue;
            for (let dx = -1; dx <= 1; dx++) {
              const xx = x + dx;
              if (xx < 0 || xx >= cur.width) continue;
              sum += cur.data[(yy * cur.width + xx) * 4 + c]!;
              n++;
            }
          }
          out.data[(y * cur.width + x) * 4 + c] = Math.round(sum / n);
        }
      }
    }
    cur = out;
  }
  return cur;
}

/** Rotates a quarter turn clockwise, as a portrait monitor's screenshot arrives. */
export function rotate90(src: Raster): Raster {
  const out = new Raster(src.height, src.width);
  const from = new Uint32Array(src.data.buffer, src.data.byteOffset, src.width * src.height);
  const to = new Uint32Array(out.data.buffer, out.data.byteOffset, out.width * out.height);
  for (let y = 0; y < src.height; y++) {
    for (let x = 0; x < src.width; x++)
      to[x * out.width + (src.height - 1 - y)] = from[y * src.width + x]!;
  }
  return out;
}
