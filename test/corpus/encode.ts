// Encodes corpus rasters as image files: PNG (RGBA, RGB, grayscale, RGB with a tRNS key) and JPEG.
import { crc32, deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import type { Raster } from './raster';

export type PngKind = 'rgba' | 'rgb' | 'gray';

const COLOR_TYPE = { gray: 0, rgb: 2, rgba: 6 } as const;

const BYTES_PER_PIXEL = { gray: 1, rgb: 3, rgba: 4 } as const;
const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * The PNG file pngjs's PNG.sync.write(png, { colorType, deflateLevel: 6 }) writes, byte for byte
 * (qr-corpus.test.ts compares the two), in a fraction of its time: pngjs tries each of the five row
 * filters in a pass of its own through a function call per byte, which was most of the corpus's
 * build time. Same steps: RGBA to the colour type (over white, grey the truncated mean), per row the
 * filter whose signed differences sum lowest (first on a tie), deflate level 6 with pngjs's chunk
 * size and RLE strategy, one IDAT.
 */
export function encodePng(r: Raster, kind: PngKind): Uint8Array {
  const bpp = BYTES_PER_PIXEL[kind];
  const pixels = kind === 'rgba' ? r.data : packPixels(r, kind);
  const filtered = filterRows(pixels, r.width, r.height, bpp);
  const idat = deflateSync(filtered, { chunkSize: 32 * 1024, level: 6, strategy: 3 });
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, r.width);
  view.setUint32(4, r.height);
  ihdr.set([8, COLOR_TYPE[kind], 0, 0, 0], 8); // bit depth, colour type, deflate, filters, no interlace
  return concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** pngjs's bitpacker for 8-bit RGBA in: alpha composited over white, grey = truncated mean. */
function packPixels(r: Raster, kind: 'rgb' | 'gray'): Uint8Array {
  const src = r.data;
  const count = r.width * r.height;
  const out = new Uint8Array(count * BYTES_PER_PIXEL[kind]);
  for (let i = 0, o = 0; i < count * 4; i += 4) {
    let red = src[i]!;
    let green = src[i + 1]!;
    let blue = src[i + 2]!;
    const alpha = src[i + 3]! / 255;
    if (alpha !== 1) {
      red = Math.min(Math.max(Math.round((1 - alpha) * 255 + alpha * red), 0), 255);
      green = Math.min(Math.max(Math.round((1 - alpha) * 255 + alpha * green), 0), 255);
      blue = Math.min(Math.max(Math.round((1 - alpha) * 255 + alpha * blue), 0), 255);
    }
    if (kind === 'gray') {
      out[o++] = (red + green + blue) / 3; // a Uint8Array truncates, as pngjs's Buffer does
    } else {
      out[o++] = red;
      out[o++] = green;
      out[o++] = blue;
    }
  }
  return out;
}

/** The PNG rows, each led by its filter type: the five filters' sums in one pass per row. */
function filterRows(px: Uint8Array, width: number, height: number, bpp: number): Uint8Array {
  const rowBytes = width * bpp;
  const out = new Uint8Array((rowBytes + 1) * height);
  const zeros = new Uint8Array(rowBytes);
  for (let y = 0; y < height; y++) {
    const row = px.subarray(y * rowBytes, (y + 1) * rowBytes);
    // The row above; the first row has none, which the filters read as zeros.
    const prev = y > 0 ? px.subarray((y - 1) * rowBytes, y * rowBytes) : zeros;
    let none = 0;
    let sub = 0;
    let up = 0;
    let average = 0;
    let paeth = 0;
    for (let x = 0; x < rowBytes; x++) {
      const cur = row[x]!;
      const a = x >= bpp ? row[x - bpp]! : 0;
      const b = prev[x]!;
      const c = x >= bpp ? prev[x - bpp]! : 0;
      none += cur;
      sub += Math.abs(cur - a);
      up += Math.abs(cur - b);
      average += Math.abs(cur - ((a + b) >> 1));
      paeth += Math.abs(cur - paethPredictor(a, b, c));
    }
    const sums = [none, sub, up, average, paeth];
    let chosen = 0;
    for (let f = 1; f < 5; f++) if (sums[f]! < sums[chosen]!) chosen = f;
    const o = y * (rowBytes + 1);
    out[o] = chosen;
    const target = out.subarray(o + 1, o + 1 + rowBytes);
    // Values go in modulo 256, as the PNG filters are defined.
    if (chosen === 0) target.set(row);
    else if (chosen === 1)
      for (let x = 0; x < rowBytes; x++) target[x] = row[x]! - (x >= bpp ? row[x - bpp]! : 0);
    else if (chosen === 2) for (let x = 0; x < rowBytes; x++) target[x] = row[x]! - prev[x]!;
    else if (chosen === 3)
      for (let x = 0; x < rowBytes; x++)
        target[x] = row[x]! - (((x >= bpp ? row[x - bpp]! : 0) + prev[x]!) >> 1);
    else
      for (let x = 0; x < rowBytes; x++) {
        const a = x >= bpp ? row[x - bpp]! : 0;
        const c = x >= bpp ? prev[x - bpp]! : 0;
        target[x] = row[x]! - paethPredictor(a, prev[x]!, c);
      }
  }
  return out;
}

/** PNG's Paeth predictor (left, above, upper left), ties resolved as the specification says. */
function paethPredictor(left: number, up: number, upLeft: number): number {
  const pLeft = Math.abs(up - upLeft);
  const pUp = Math.abs(left - upLeft);
  const pUpLeft = Math.abs(left + up - 2 * upLeft);
  if (pLeft <= pUp && pLeft <= pUpLeft) return left;
  return pUp <= pUpLeft ? up : upLeft;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function encodeJpeg(r: Raster, quality: number): Uint8Array {
  return new Uint8Array(
    jpeg.encode({ width: r.width, height: r.height, data: r.data }, quality).data,
  );
}

/** One PNG chunk: length, type, data and its CRC, for building (or damaging) PNG files by hand. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(Buffer.from(type, 'latin1'), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * An RGB PNG whose `key` colour is declared transparent by a tRNS chunk (as GIF conversions do);
 * decoders that ignore tRNS see the key colour itself.
 */
export function encodePngWithTrnsKey(
  r: Raster,
  key: readonly [number, number, number],
): Uint8Array {
  const png = encodePng(r, 'rgb');
  const chunk = pngChunk('tRNS', Uint8Array.from(key.flatMap((v) => [0, v]))); // 16-bit samples
  const ihdrEnd = 8 + 4 + 4 + 13 + 4; // signature, length, type, IHDR data, CRC
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, ihdrEnd));
  out.set(chunk, ihdrEnd);
  out.set(png.subarray(ihdrEnd), ihdrEnd + chunk.length);
  return out;
}
