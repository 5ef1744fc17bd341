// Finds every QR code in a PNG/JPEG file or a bitmap: limits first, then the cheapest decode that sees all.
import { PNG } from 'pngjs';
import { AuthdeskError } from '../../shared/errors';
import { checkBmpComplete, isBmp, readBmpLayout } from './bmp-file';
import {
  checkGifComplete,
  findGifTransparency,
  gifOnBackground,
  isGif,
  readGifHeader,
} from './gif-file';
import { checkJpegComplete, isJpeg, readJpegLayout } from './jpeg-file';
import { checkPngChunks, isPng, readPngHeader } from './png-file';
import { canCheckOpacity, inflatePixels, isFullyOpaque } from './png-opacity';
import { inReadingOrder } from './reading-order';
import { flatten, hasTransparency } from './transparency';
import { decodeWebp, isWebp, readWebpHeader } from './webp-file';
import { type FoundCode, type Pixels, type QrCode, findQrCodes } from './zxing';

export type { QrCode };

/** A bitmap, 4 bytes per pixel (RGBA, or BGRA as Electron's nativeImage.toBitmap() gives). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

export const IMAGE_LIMITS = { maxPixels: 100_000_000, maxBytes: 50 * 1024 * 1024 };

const MB = 1024 * 1024;

function checkPixels(width: number, height: number): void {
  if (width * height > IMAGE_LIMITS.maxPixels) {
    throw new AuthdeskError(
      'IMAGE_TOO_LARGE',
      `This image is ${width}×${height} pixels; the limit is ${IMAGE_LIMITS.maxPixels / 1_000_000} megapixels.`,
    );
  }
}

/**
 * PNG, JPEG, WebP, GIF (its first frame) or BMP file bytes → every QR code (its text and raw bytes), de-duplicated, in reading order;
 * [] when there is none. The size is read from the header and checked before any pixel is decoded.
 */
export async function decodeQrCodes(bytes: Uint8Array): Promise<QrCode[]> {
  if (bytes.byteLength > IMAGE_LIMITS.maxBytes) {
    throw new AuthdeskError(
      'IMAGE_TOO_LARGE',
      `This file is ${(bytes.byteLength / MB).toFixed(1)} MB; the limit is ${IMAGE_LIMITS.maxBytes / MB} MB.`,
    );
  }
  if (isPng(bytes)) {
    const header = readPngHeader(bytes);
    checkPixels(header.width, header.height);
    const { transparent, data } = checkPngChunks(bytes, header);
    // stb_image (inside the wasm) is the fastest PNG decoder but drops alpha: its result stands
    // for opaque images, and the rest are decoded here, where the alpha is seen.
    if (!transparent) return inReadingOrder(await findQrCodes(bytes));
    if (canCheckOpacity(header)) {
      const [found, raw] = await Promise.all([findQrCodes(bytes), inflatePixels(header, data)]);
      // Codes seen without the alpha are real codes, and the usual case (a macOS screenshot, whose
      // alpha is all opaque) ends here without the 15 ms opacity scan. Only when the alpha-blind
      // read found nothing can the alpha be hiding something: a code drawn on transparency.
      if (found.length > 0 || isFullyOpaque(header, raw)) return inReadingOrder(found);
    }
    return inReadingOrder(await findOnBackgrounds(readPngPixels(bytes)));
  }
  if (isJpeg(bytes)) {
    const layout = readJpegLayout(bytes);
    checkPixels(layout.width, layout.height);
    checkJpegComplete(bytes, layout);
    return inReadingOrder(await findQrCodes(bytes));
  }
  if (isWebp(bytes)) {
    const header = readWebpHeader(bytes);
    checkPixels(header.width, header.height);
    // libwebp gives RGBA with its alpha: a transparent image is read on white, then on black.
    return inReadingOrder(await findOnBackgrounds(await decodeWebp(bytes, header)));
  }
  if (isGif(bytes)) {
    const header = readGifHeader(bytes);
    checkPixels(header.width, header.height);
    checkGifComplete(bytes);
    // stb_image draws transparent pixels black: a transparent colour is read as white, then black.
    const transparency = findGifTransparency(bytes);
    if (!transparency) return inReadingOrder(await findQrCodes(bytes));
    const onWhite = await findQrCodes(gifOnBackground(bytes, transparency, 255));
    return inReadingOrder(
      onWhite.length > 0 ? onWhite : await findQrCodes(gifOnBackground(bytes, transparency, 0)),
    );
  }
  if (isBmp(bytes)) {
    const layout = readBmpLayout(bytes);
    checkPixels(layout.width, layout.height);
    checkBmpComplete(bytes, layout);
    return inReadingOrder(await findQrCodes(bytes));
  }
  throw new AuthdeskError('IMAGE_UNREADABLE', 'This is not a PNG, JPEG, WebP, GIF or BMP image.');
}

/** A bitmap from a screen capture or the clipboard, decoded as it is (no re-encoding). */
export async function decodeQrCodesFromRgba(image: RgbaImage): Promise<QrCode[]> {
  const { width, height, data } = image;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width <= 0 || height <= 0) {
    throw new AuthdeskError(
      'IMAGE_UNREADABLE',
      `This bitmap has an impossible size (${width}×${height}).`,
    );
  }
  checkPixels(width, height);
  if (data.length !== width * height * 4) {
    throw new AuthdeskError(
      'IMAGE_UNREADABLE',
      `This bitmap holds ${data.length} bytes; ${width}×${height} pixels need ${width * height * 4}.`,
    );
  }
  return inReadingOrder(await findOnBackgrounds(image));
}

/**
 * Only the texts, for codes known to hold text (the app's own rendered codes, tests). What the user
 * hands over goes through decodeQrCodes, so that a code of binary bytes is seen as such.
 */
export async function decodeQrFromBytes(bytes: Uint8Array): Promise<string[]> {
  return (await decodeQrCodes(bytes)).map((code) => code.text);
}

/** Only the texts of a bitmap's codes (see decodeQrFromBytes). */
export async function decodeQrFromRgba(image: RgbaImage): Promise<string[]> {
  return (await decodeQrCodesFromRgba(image)).map((code) => code.text);
}

function readPngPixels(bytes: Uint8Array): Pixels {
  try {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: png.data };
  } catch (error) {
    throw new AuthdeskError(
      'IMAGE_UNREADABLE',
      'This PNG image could not be decoded; it may be damaged.',
      {
        cause: error,
      },
    );
  }
}

/**
 * A transparent image is read on white (dark codes drawn on nothing), and, if that finds nothing,
 * on black (light codes made for dark pages); an opaque one is read as it is.
 */
async function findOnBackgrounds(image: Pixels): Promise<FoundCode[]> {
  if (!hasTransparency(image)) return findQrCodes(image);
  const onWhite = await findQrCodes(flatten(image, 255));
  return onWhite.length > 0 ? onWhite : findQrCodes(flatten(image, 0));
}
