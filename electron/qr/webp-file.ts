// Reads a WebP file's size from its first chunk and checks that the file is complete, without
// decoding any pixel; then decodes it with libwebp (@jsquash/webp), its wasm read from the package file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import decodeWebpWasm, { init as initWebp } from '@jsquash/webp/decode.js';
import { AuthdeskError } from '../../shared/errors';
import { outsideAsar } from './outside-asar';
import type { Pixels } from './zxing';

const damaged = (detail: string) =>
  new AuthdeskError('IMAGE_UNREADABLE', `This WebP image is damaged or incomplete (${detail}).`);

const fourCc = (bytes: Uint8Array, at: number) =>
  String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);

export function isWebp(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && fourCc(bytes, 0) === 'RIFF' && fourCc(bytes, 8) === 'WEBP';
}

export interface WebpHeader {
  width: number;
  height: number;
}

/**
 * The canvas size from the first chunk (VP8 lossy, VP8L lossless or VP8X extended); reads at most
 * 30 bytes, so an absurd size is refused before anything is allocated. A file shorter than its RIFF
 * header says was cut off: libwebp would otherwise decode the top part and miss codes below.
 */
export function readWebpHeader(bytes: Uint8Array): WebpHeader {
  if (bytes.length < 30) throw damaged('it ends inside its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffSize = view.getUint32(4, true);
  if (riffSize < 22 || riffSize + 8 > bytes.length) throw damaged('it is cut off before its end');
  const chunk = fourCc(bytes, 12);
  const chunkSize = view.getUint32(16, true);
  if (chunkSize + 20 > riffSize + 8) throw damaged('a chunk runs past its end');
  let width: number;
  let height: number;
  if (chunk === 'VP8 ') {
    // A key frame: its tag's low bit is 0, then the start code 9d 01 2a and two 14-bit sizes.
    if ((bytes[20]! & 1) !== 0 || bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a)
      throw damaged('no key frame header');
    width = view.getUint16(26, true) & 0x3fff;
    height = view.getUint16(28, true) & 0x3fff;
  } else if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) throw damaged('no lossless header');
    const bits = view.getUint32(21, true);
    width = (bits & 0x3fff) + 1;
    height = ((bits >>> 14) & 0x3fff) + 1;
  } else if (chunk === 'VP8X') {
    if ((bytes[20]! & 0x02) !== 0) {
      throw new AuthdeskError(
        'IMAGE_UNREADABLE',
        'This WebP image is animated; save a still screenshot of the QR code instead.',
      );
    }
    width = (bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16)) + 1;
    height = (bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16)) + 1;
  } else {
    throw damaged('an unknown first chunk');
  }
  if (width === 0 || height === 0) throw damaged('an impossible size');
  return { width, height };
}

/** libwebp's decoder wasm as the module at `moduleUrl` finds it (see zxingWasmFile). */
export function webpWasmFile(moduleUrl: string): string {
  return outsideAsar(
    createRequire(outsideAsar(moduleUrl)).resolve('@jsquash/webp/codec/dec/webp_dec.wasm'),
  );
}

let loaded = false;

/** Instantiates the decoder once per thread, from the installed file (never fetched). */
function loadDecoder(): void {
  if (loaded) return;
  const bytes = readFileSync(webpWasmFile(import.meta.url));
  const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  void initWebp({ wasmBinary } as Parameters<typeof initWebp>[0]);
  loaded = true;
}

/** Pixels (RGBA) of a WebP file whose header readWebpHeader has checked. */
export async function decodeWebp(bytes: Uint8Array, header: WebpHeader): Promise<Pixels> {
  loadDecoder();
  let image: { width: number; height: number; data: Uint8ClampedArray };
  try {
    image = await decodeWebpWasm(bytes.slice().buffer);
  } catch (error) {
    // libwebp's refusal is a plain Error; anything else (a wasm abort, out of memory) leaves the
    // instance unusable: start afresh next time.
    if (!(error instanceof Error && error.message === 'Decoding error')) loaded = false;
    throw new AuthdeskError(
      'IMAGE_UNREADABLE',
      'This WebP image could not be decoded; it may be damaged.',
      { cause: error },
    );
  }
  if (image.width !== header.width || image.height !== header.height)
    throw damaged('its pixels do not match its header');
  return { width: image.width, height: image.height, data: image.data };
}
