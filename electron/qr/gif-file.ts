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
