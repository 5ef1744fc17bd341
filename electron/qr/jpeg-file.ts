// Reads a JPEG file's size from its frame header and checks that the file is complete.
import { AuthdeskError } from '../../shared/errors';

const damaged = (detail: string) =>
  new AuthdeskError('IMAGE_UNREADABLE', `This JPEG image is damaged or incomplete (${detail}).`);

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
const isFrameMarker = (m: number) =>
  m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

export interface JpegLayout {
  width: number;
  height: number;
  /** Where the first scan's compressed data starts, or -1 when the segments end before any scan. */
  scanStart: number;
}

/** Walks the marker segments up to the first scan; reads only segment headers. */
export function readJpegLayout(bytes: Uint8Array): JpegLayout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw damaged('a broken segment');
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte before a marker
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    const length = view.getUint16(at + 2);
    if (length < 2) throw damaged('a broken segment');
    if (isFrameMarker(marker)) {
      if (at + 9 > bytes.length) break;
      height = view.getUint16(at + 5);
      width = view.getUint16(at + 7);
      if (width === 0 || height === 0) throw damaged('no usable size in its header');
    }
    if (marker === 0xda) {
      if (width === 0) throw damaged('no frame header before the image data');
      return { width, height, scanStart: at + 2 + length };
    }
    at += 2 + length;
  }
  if (width === 0) throw damaged('it ends before its frame header');
  return { width, height, scanStart: -1 };
}

/**
 * A complete file has an end-of-image marker after its first scan. FF D9 cannot occur inside
 * compressed data (a data FF is always followed by 00 or a restart marker), so its absence means
 * the file was cut off; stb_image would otherwise decode the top part and miss codes below.
 */
export function checkJpegComplete(bytes: Uint8Array, layout: JpegLayout): void {
  if (layout.scanStart < 0) throw damaged('it is cut off before the image data');
  for (let i = bytes.length - 2; i >= layout.scanStart; i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return;
  }
  throw damaged('it is cut off before its end');
}
