// Tells whether a PNG with an alpha channel is in fact fully opaque, as most screenshots that carry one are.
import { inflate } from 'node:zlib';
import { promisify } from 'node:util';
import { AuthdeskError } from '../../shared/errors';
import type { PngHeader } from './png-file';

const inflateAsync = promisify(inflate);

/** 8-bit gray+alpha or RGBA, not interlaced: the layouts screenshot tools write (macOS: RGBA). */
export function canCheckOpacity(header: PngHeader): boolean {
  return (
    (header.colorType === 4 || header.colorType === 6) &&
    header.bitDepth === 8 &&
    !header.interlaced
  );
}

/**
 * Inflates the pixel data on the libuv thread pool, so it runs beside the wasm decode of the same
 * file instead of after it. One output chunk keeps it to a single pool job, which finishes even
 * while this thread is busy; the cap stops a crafted stream from inflating beyond the image.
 */
export async function inflatePixels(header: PngHeader, data: Uint8Array[]): Promise<Uint8Array> {
  const size = (header.width * bytesPerPixel(header) + 1) * header.height;
  try {
    const raw = await inflateAsync(Buffer.concat(data), { chunkSize: size, maxOutputLength: size });
    if (raw.length === size) return raw;
  } catch (error) {
    throw damaged(error);
  }
  throw damaged();
}

/**
 * Whether every alpha sample is 255, read from the filtered rows without undoing the filters: if
 * all alpha so far is 255, each filter's residual for the next alpha byte is a known constant
 * (it depends only on the row's filter and on whether a left or upper neighbour exists), so one
 * comparison per pixel proves the next one opaque too.
 */
export function isFullyOpaque(header: PngHeader, raw: Uint8Array): boolean {
  const bpp = bytesPerPixel(header);
  const stride = header.width * bpp + 1;
  for (let y = 0; y < header.height; y++) {
    const row = y * stride;
    const filter = raw[row]!;
    if (filter > 4) return false;
    const alpha = row + 1 + bpp - 1;
    if (raw[alpha] !== residual(filter, false, y > 0)) return false;
    const rest = residual(filter, true, y > 0);
    // OR-ing the differences and testing once per row keeps the loop free of branches.
    let diff = 0;
    for (let i = alpha + bpp; i < row + stride; i += bpp) diff |= raw[i]! ^ rest;
    if (diff !== 0) return false;
  }
  return true;
}

/** The filtered value of an alpha of 255 whose existing neighbours are all 255 (absent ones are 0). */
function residual(filter: number, hasLeft: boolean, hasUp: boolean): number {
  const a = hasLeft ? 255 : 0;
  const b = hasUp ? 255 : 0;
  const c = hasLeft && hasUp ? 255 : 0;
  const predictions = [0, a, b, (a + b) >> 1, paeth(a, b, c)];
  return (255 - predictions[filter]!) & 0xff;
}

function paeth(a: number, b: number, c: number): number {
  const pa = Math.abs(b - c);
  const pb = Math.abs(a - c);
  const pc = Math.abs(a + b - 2 * c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

const bytesPerPixel = (header: PngHeader) => (header.colorType === 6 ? 4 : 2);

const damaged = (cause?: unknown) =>
  new AuthdeskError(
    'IMAGE_UNREADABLE',
    'This PNG image is damaged (its pixel data does not unpack).',
    { cause },
  );
