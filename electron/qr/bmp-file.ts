// Reads a BMP file's size from its headers and checks that the file holds all its pixels.
// stb_image (inside the zxing wasm) decodes it.
import { AuthdeskError } from '../../shared/errors';

const damaged = (detail: string) =>
  new AuthdeskError('IMAGE_UNREADABLE', `This BMP image is damaged or incomplete (${detail}).`);

/** "BM", then the file size and four reserved bytes that are zero. */
export function isBmp(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 14 &&
    bytes[0] === 0x42 &&
    bytes[1] === 0x4d &&
    bytes[6] === 0 &&
    bytes[7] === 0 &&
    bytes[8] === 0 &&
    bytes[9] === 0
  );
}

export interface BmpLayout {
  width: number;
  height: number;
  /** Where uncompressed pixels end (the header's offset plus every padded row); -1 when compressed. */
  pixelsEnd: number;
}

/** The size from the info header (OS/2's 12-byte core header or Windows' 40 bytes and longer). */
export function readBmpLayout(bytes: Uint8Array): BmpLayout {
  if (bytes.length < 26) throw damaged('it ends inside its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataOffset = view.getUint32(10, true);
  const infoSize = view.getUint32(14, true);
  let width: number;
  let height: number;
  let bitsPerPixel: number;
  let compression = 0;
  if (infoSize === 12) {
    width = view.getUint16(18, true);
    height = view.getUint16(20, true);
    bitsPerPixel = view.getUint16(24, true);
  } else if (infoSize >= 40 && infoSize <= 124) {
    if (bytes.length < 34) throw damaged('it ends inside its header');
    width = view.getInt32(18, true);
    // A negative height is a top-down image.
    height = Math.abs(view.getInt32(22, true));
    bitsPerPixel = view.getUint16(28, true);
    compression = view.getUint32(30, true);
  } else {
    throw damaged('an unknown header');
  }
  if (width <= 0 || height <= 0 || height > 0x7fffffff) throw damaged('an impossible size');
  if (![1, 4, 8, 16, 24, 32].includes(bitsPerPixel)) throw damaged('an unknown pixel format');
  // Uncompressed (0) or bit-field (3, 6) pixels: rows padded to 4 bytes.
  const rowBytes = Math.ceil((width * bitsPerPixel) / 32) * 4;
  const pixelsEnd = [0, 3, 6].includes(compression) ? dataOffset + rowBytes * height : -1;
  return { width, height, pixelsEnd };
}

/** The file holds every row its header promises; stb_image would fill missing rows with nothing. */
export function checkBmpComplete(bytes: Uint8Array, layout: BmpLayout): void {
  if (layout.pixelsEnd > bytes.length) throw damaged('it is cut off before its end');
}
