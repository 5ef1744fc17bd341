// Reads a PNG file's header and checks its chunk structure, without decompressing any pixels.
import { crc32 } from 'node:zlib';
import { AuthdeskError } from '../../shared/errors';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Allowed bit depths for each colour type (PNG spec, table 11.1). */
const BIT_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

const damaged = (detail: string) =>
  new AuthdeskError('IMAGE_UNREADABLE', `This PNG image is damaged or incomplete (${detail}).`);

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

/** The IHDR fields; reads 33 bytes, so an absurd size is refused before anything is allocated. */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  if (bytes.length < 33) throw damaged('it ends inside its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(8) !== 13 || chunkType(bytes, 12) !== 'IHDR') throw damaged('no IHDR header');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const [depth, colorType, compression, filter, interlace] = bytes.subarray(24, 29);
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff)
    throw damaged('an impossible size');
  if (
    !BIT_DEPTHS[colorType!]?.includes(depth!) ||
    compression !== 0 ||
    filter !== 0 ||
    interlace! > 1
  ) {
    throw damaged('an unknown pixel format');
  }
  return { width, height, bitDepth: depth!, colorType: colorType!, interlaced: interlace === 1 };
}

/**
 * Walks every chunk, checking lengths and CRCs up to IEND, and reports whether the image can be
 * transparent (an alpha channel or a tRNS chunk), with its compressed pixel data (the IDAT
 * chunks). stb_image, inside the wasm, ignores CRCs and decodes what it can of a cut-off file, so
 * a damaged file would otherwise pass silently.
 */
export function checkPngChunks(
  bytes: Uint8Array,
  header: PngHeader,
): { transparent: boolean; data: Uint8Array[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let transparent = header.colorType === 4 || header.colorType === 6;
  const data: Uint8Array[] = [];
  let at = 8;
  for (;;) {
    if (at + 12 > bytes.length) throw damaged('it is cut off before its end');
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) throw damaged('it is cut off before its end');
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) {
      throw damaged('a checksum does not match');
    }
    const type = chunkType(bytes, at + 4);
    if (type === 'tRNS') transparent = true;
    if (type === 'IDAT') data.push(bytes.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at = end;
  }
  if (data.length === 0) throw damaged('it holds no pixel data');
  return { transparent, data };
}

function chunkType(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}
