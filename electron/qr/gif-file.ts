// Reads a GIF file's size from its logical screen descriptor and checks that the file is complete.
// stb_image (inside the zxing wasm) decodes its first frame.
import { AuthdeskError } from '../../shared/errors';

const damaged = (detail: string) =>
  new AuthdeskError('IMAGE_UNREADABLE', `This GIF image is damaged or incomplete (${detail}).`);

export function isGif(bytes: Uint8Array): boolean {
  if (bytes.length < 6) return false;
  const magic = String.fromCharCode(...bytes.subarray(0, 6));
  return magic === 'GIF87a' || magic === 'GIF89a';
}

/** The logical screen's size: stb_image allocates width × height pixels from it before anything else. */
export function readGifHeader(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < 13) throw damaged('it ends inside its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint16(6, true);
  const height = view.getUint16(8, true);
  if (width === 0 || height === 0) throw damaged('an impossible size');
  return { width, height };
}

/**
 * A complete file ends with the trailer byte 3B after its last block; stb_image would otherwise
 * decode what it can of a cut-off file and miss codes below the cut.
 */
export function checkGifComplete(bytes: Uint8Array): void {
  if (bytes[bytes.length - 1] !== 0x3b) throw damaged('it is cut off before its end');
}

/** Where a GIF's first frame declares a transparent colour: its flag byte and its colour table entry. */
export interface GifTransparency {
  flagAt: number;
  entryAt: number;
}

/**
 * The transparent colour of the first frame (a graphic control extension before its image
 * descriptor), or null. stb_image draws transparent pixels black, which hides a dark code drawn on
 * transparency; gifOnBackground turns them into a colour instead.
 */
export function findGifTransparency(bytes: Uint8Array): GifTransparency | null {
  const screen = bytes[10]!;
  const globalTable = screen & 0x80 ? 13 : -1;
  let at = screen & 0x80 ? 13 + 3 * (2 << (screen & 7)) : 13;
  let declared: { flagAt: number; index: number } | null = null;
  while (at < bytes.length) {
    if (bytes[at] === 0x21) {
      // An extension: its label, then sub-blocks, each led by its length, up to an empty one.
      if (bytes[at + 1] === 0xf9 && bytes[at + 2] === 4 && at + 6 < bytes.length)
        declared = bytes[at + 3]! & 1 ? { flagAt: at + 3, index: bytes[at + 6]! } : null;
      at += 2;
      while (at < bytes.length && bytes[at] !== 0) at += bytes[at]! + 1;
      at += 1;
    } else if (bytes[at] === 0x2c) {
      if (!declared || at + 10 > bytes.length) return null;
      const frame = bytes[at + 9]!;
      const table = frame & 0x80 ? at + 10 : globalTable;
      const entries = 2 << (frame & 0x80 ? frame & 7 : screen & 7);
      const entryAt = table + 3 * declared.index;
      if (table < 0 || declared.index >= entries || entryAt + 3 > bytes.length) return null;
      return { flagAt: declared.flagAt, entryAt };
    } else {
      return null;
    }
  }
  return null;
}

/** A copy of the GIF whose transparent colour is opaque gray `level` (255 white, 0 black). */
export function gifOnBackground(
  bytes: Uint8Array,
  transparency: GifTransparency,
  level: number,
): Uint8Array {
  const out = bytes.slice();
  out[transparency.flagAt]! &= ~1;
  out.fill(level, transparency.entryAt, transparency.entryAt + 3);
  return out;
}
