// Decodes a PNG, JPEG or WebP picture whose header readPictureFile checked into RGBA pixels: pngjs,
// jpeg-js and libwebp (@jsquash/webp, its wasm read from the package file), all without the network.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { ICON_LIMITS } from '../../shared/account-icon';
import { decodeWebp } from '../qr/webp-file';
import { unreadable, type PictureFile } from './picture-file';

/** 4 bytes per pixel, RGBA, not premultiplied. */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

type RasterFile = Exclude<PictureFile, { format: 'svg' }>;

const NAMES = { png: 'PNG', jpeg: 'JPEG', webp: 'WebP' } as const;

/**
 * jpeg-js counts its own allocations: per component a plane of 16-bit coefficients and one of
 * 8-bit samples, and the RGBA output; four components (CMYK) at the pixel limit, with room to spare.
 */
const JPEG_MEMORY_MB = Math.ceil((ICON_LIMITS.maxSourcePixels * (4 * 3 + 4) * 1.5) / (1024 * 1024));

function decodePng(bytes: Uint8Array): Rgba {
  // pngjs gives 8-bit RGBA whatever the file holds (palette, gray, 16-bit, interlaced).
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: png.width, height: png.height, data: png.data };
}

function decodeJpeg(bytes: Uint8Array): Rgba {
  const image = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    // A damaged scan fails rather than leaving grey blocks in the icon.
    tolerantDecoding: false,
    maxResolutionInMP: ICON_LIMITS.maxSourcePixels / 1_000_000 + 1,
    maxMemoryUsageInMB: JPEG_MEMORY_MB,
  });
  return { width: image.width, height: image.height, data: image.data };
}

/** RGBA of the picture; ICON_UNREADABLE when its data does not decode or disagrees with its header. */
export async function decodeRaster(bytes: Uint8Array, file: RasterFile): Promise<Rgba> {
  let image: Rgba;
  try {
    if (file.format === 'png') image = decodePng(bytes);
    else if (file.format === 'jpeg') image = decodeJpeg(bytes);
    else {
      const pixels = await decodeWebp(bytes, file.header);
      image = {
        width: pixels.width,
        height: pixels.height,
        data: new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength),
      };
    }
  } catch (error) {
    // The decoders throw plain Errors (and jpeg-js strings) for damaged data.
    throw unreadable(
      `This ${NAMES[file.format]} picture could not be decoded; it may be damaged.`,
      error,
    );
  }
  if (
    image.width !== file.width ||
    image.height !== file.height ||
    image.data.length !== image.width * image.height * 4
  ) {
    throw unreadable(`This ${NAMES[file.format]} picture's pixels do not match its header.`);
  }
  return image;
}
