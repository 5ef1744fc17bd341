// Encodes corpus rasters as image files: PNG (RGBA, RGB, grayscale, RGB with a tRNS key) and JPEG.
import { crc32 } from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { Raster } from './raster';

export type PngKind = 'rgba' | 'rgb' | 'gray';

const COLOR_TYPE = { gray: 0, rgb: 2, rgba: 6 } as const;

export function encodePng(r: Raster, kind: PngKind): Uint8Array {
  const png = new PNG({ width: r.width, height: r.height });
  png.data = Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength);
  // Level 6 is what screenshot tools use; pngjs's default 9 only makes the corpus slower to build.
  return new Uint8Array(PNG.sync.write(png, { colorType: COLOR_TYPE[kind], deflateLevel: 6 }));
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
