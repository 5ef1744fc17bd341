// Writes RGBA pixels as WebP (libwebp's encoder from @jsquash/webp, its wasm read from the package
// file), BMP (24-bit, by hand) and GIF (a two-colour palette, LZW codes kept at 3 bits by a clear
// code every two pixels: valid, uncompressed-ish), so tests hold real QR codes in those formats.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import encodeWebpWasm, { init as initWebpEncoder } from '@jsquash/webp/encode.js';

export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

let encoderReady: Promise<unknown> | undefined;

/** libwebp's encoder; `lossless` keeps every pixel, lossy (quality 90) is what screenshot tools save. */
export async function encodeWebp(image: Rgba, lossless: boolean): Promise<Uint8Array> {
  encoderReady ??= (() => {
    const file = createRequire(import.meta.url).resolve('@jsquash/webp/codec/enc/webp_enc.wasm');
    const bytes = readFileSync(file);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return initWebpEncoder({ wasmBinary } as Parameters<typeof initWebpEncoder>[0]);
  })();
  await encoderReady;
  const data = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  const encoded = await encodeWebpWasm(
    { width: image.width, height: image.height, data, colorSpace: 'srgb' } as Parameters<
      typeof encodeWebpWasm
    >[0],
    { lossless: lossless ? 1 : 0, quality: 90 },
  );
  return new Uint8Array(encoded);
}

/** A 24-bit BMP, bottom-up rows (the usual order) or top-down (a negative height). */
export function encodeBmp(image: Rgba, topDown = false): Uint8Array {
  const { width, height, data } = image;
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const out = new Uint8Array(54 + rowBytes * height);
  const view = new DataView(out.buffer);
  out.set([0x42, 0x4d]);
  view.setUint32(2, out.length, true);
  view.setUint32(10, 54, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, width, true);
  view.setInt32(22, topDown ? -height : height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, 24, true);
  view.setUint32(34, rowBytes * height, true);
  for (let y = 0; y < height; y++) {
    const row = 54 + (topDown ? y : height - 1 - y) * rowBytes;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      out.set([data[i + 2]!, data[i + 1]!, data[i]!], row + x * 3);
    }
  }
  return out;
}

/** A GIF89a of black (luma < 128) and white pixels. */
export function encodeGif(image: Rgba): Uint8Array {
  const { width, height, data } = image;
  const bytes: number[] = [...Buffer.from('GIF89a', 'latin1')];
  const u16 = (n: number) => bytes.push(n & 0xff, n >> 8);
  u16(width);
  u16(height);
  bytes.push(0x81, 0, 0); // a global colour table of 4 entries
  bytes.push(0, 0, 0, 255, 255, 255, 0, 0, 0, 0, 0, 0);
  bytes.push(0x2c);
  u16(0);
  u16(0);
  u16(width);
  u16(height);
  bytes.push(0);
  const minCodeSize = 2;
  const clear = 4;
  const end = 5;
  const codes: number[] = [];
  for (let p = 0; p < width * height; p++) {
    if (p % 2 === 0) codes.push(clear);
    const luma = (data[p * 4]! + data[p * 4 + 1]! + data[p * 4 + 2]!) / 3;
    codes.push(luma < 128 ? 0 : 1);
  }
  codes.push(end);
  const packed: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const code of codes) {
    acc |= code << bits;
    bits += 3;
    while (bits >= 8) {
      packed.push(acc & 0xff);
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) packed.push(acc & 0xff);
  bytes.push(minCodeSize);
  for (let i = 0; i < packed.length; i += 255) {
    const block = packed.slice(i, i + 255);
    bytes.push(block.length, ...block);
  }
  bytes.push(0, 0x3b);
  return Uint8Array.from(bytes);
}
