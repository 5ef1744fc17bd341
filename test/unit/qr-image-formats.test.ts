// Proves QR codes are read from WebP (lossless, lossy, transparent), GIF and BMP screenshots made
// by the test, under the same byte and pixel limits as PNG (sizes checked from the header before
// anything is decoded), that damaged files fail with a typed error, and that arbitrary or mutated
// bytes only ever fail with an AuthdeskError.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeBinary } from '../../electron/import/formats/file-text';
import { decodeQrCodes, decodeQrFromBytes } from '../../electron/qr/decode';
import { QrDecoder } from '../../electron/qr/decoder';
import { readWebpHeader, webpWasmFile } from '../../electron/qr/webp-file';
import { AuthdeskError, type ErrorCode } from '../../shared/errors';
import { qrRaster } from '../corpus/qr-draw';
import { encodeBmp, encodeGif, encodeWebp } from '../harness/image-encoders';

const URI = 'otpauth://totp/Example:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';
const code = qrRaster(URI, { module: 4 });

let lossless: Uint8Array;
let lossy: Uint8Array;
let transparent: Uint8Array;
const gif = encodeGif(code);
const bmp = encodeBmp(code);
const fetchCalls: unknown[] = [];

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode> {
  const error = await promise.then(
    () => expect.fail('expected an AuthdeskError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthdeskError);
  return (error as AuthdeskError).code;
}

async function messageOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AuthdeskError);
  return (error as AuthdeskError).message;
}

/** A VP8X (extended) WebP header claiming a width × height canvas, with no image data after it. */
function webpClaiming(width: number, height: number): Uint8Array {
  const out = new Uint8Array(30);
  const view = new DataView(out.buffer);
  out.set(Buffer.from('RIFF', 'latin1'));
  view.setUint32(4, 22, true);
  out.set(Buffer.from('WEBPVP8X', 'latin1'), 8);
  view.setUint32(16, 10, true);
  const w = width - 1;
  const h = height - 1;
  out.set([w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, h >> 16], 24);
  return out;
}

beforeAll(async () => {
  // The WebP decoder's wasm comes from its package file, never over the network.
  vi.stubGlobal('fetch', (...args: unknown[]) => {
    fetchCalls.push(args);
    throw new Error('network access attempted');
  });
  lossless = await encodeWebp(code, true);
  lossy = await encodeWebp(code, false);
  // A dark code on a fully transparent page (the light modules clear).
  const clear = new Uint8Array(code.data);
  for (let i = 0; i < clear.length; i += 4) if (clear[i]! > 128) clear[i + 3] = 0;
  transparent = await encodeWebp({ width: code.width, height: code.height, data: clear }, true);
});
afterAll(() => vi.unstubAllGlobals());

describe('WebP screenshots', () => {
  it('reads a QR code from lossless and lossy WebP, and from a code on transparency', async () => {
    expect(await decodeQrFromBytes(lossless)).toEqual([URI]);
    expect(await decodeQrFromBytes(lossy)).toEqual([URI]);
    expect(await decodeQrFromBytes(transparent)).toEqual([URI]);
    expect(fetchCalls).toEqual([]);
  });

  it('reads the size from each kind of first chunk: VP8L, VP8 (lossy, no alpha) and VP8X', async () => {
    expect(readWebpHeader(lossless)).toEqual({ width: code.width, height: code.height });
    expect(Buffer.from(lossless.subarray(12, 16)).toString('latin1')).toBe('VP8L');
    expect(readWebpHeader(lossy)).toEqual({ width: code.width, height: code.height });
    expect(Buffer.from(lossy.subarray(12, 16)).toString('latin1')).toBe('VP8 ');
    expect(readWebpHeader(webpClaiming(300, 200))).toEqual({ width: 300, height: 200 });
  });

  it('decodes WebP in the worker too, with the wasm from the installed package', async () => {
    expect(webpWasmFile(import.meta.url)).toMatch(
      /node_modules[\\/]@jsquash[\\/]webp[\\/]codec[\\/]dec[\\/]webp_dec\.wasm$/,
    );
    const decoder = new QrDecoder({ idleMs: null });
    try {
      const codes = await decoder.decodeBytes(lossy.slice());
      expect(codes.map((c) => c.text)).toEqual([URI]);
    } finally {
      await decoder.close();
    }
  });

  it('refuses a WebP over the pixel limit from its header, before decoding anything', async () => {
    // 10000×10000 is within the limit: it reaches the decoder, which finds no data (damaged).
    expect(await codeOf(decodeQrCodes(webpClaiming(10_000, 10_000)))).toBe('IMAGE_UNREADABLE');
    expect(await codeOf(decodeQrCodes(webpClaiming(10_000, 10_001)))).toBe('IMAGE_TOO_LARGE');
    expect(await codeOf(decodeQrCodes(webpClaiming(2 ** 24, 2 ** 24)))).toBe('IMAGE_TOO_LARGE');
    // A lossless header can claim up to 16384×16384.
    const big = lossless.slice();
    new DataView(big.buffer).setUint32(21, 0x0fffffff, true);
    expect(await codeOf(decodeQrCodes(big))).toBe('IMAGE_TOO_LARGE');
  });

  it('refuses a WebP over the byte limit', async () => {
    const huge = new Uint8Array(50 * 1024 * 1024 + 1);
    huge.set(lossless);
    expect(await codeOf(decodeQrCodes(huge))).toBe('IMAGE_TOO_LARGE');
  });

  it('names a damaged or cut-off WebP as such, with a typed error', async () => {
    expect(await messageOf(decodeQrCodes(lossy.subarray(0, lossy.length - 40)))).toBe(
      'This WebP image is damaged or incomplete (it is cut off before its end).',
    );
    expect(await messageOf(decodeQrCodes(lossy.subarray(0, 20)))).toBe(
      'This WebP image is damaged or incomplete (it ends inside its header).',
    );
    const scrambled = lossy.slice();
    scrambled.fill(0x55, 40, scrambled.length - 8);
    expect(await codeOf(decodeQrCodes(scrambled))).toBe('IMAGE_UNREADABLE');
    const noKeyFrame = lossy.slice();
    noKeyFrame[23] = 0;
    expect(await messageOf(decodeQrCodes(noKeyFrame))).toBe(
      'This WebP image is damaged or incomplete (no key frame header).',
    );
    const animated = webpClaiming(100, 100);
    animated[20] = 0x02;
    expect(await messageOf(decodeQrCodes(animated))).toMatch(/animated/);
  });
});

/** The GIF with a graphic control extension before its image making palette entry `index` clear. */
function gifClear(index: number): Uint8Array {
  const at = 13 + 12; // after the header and the 4-entry global colour table encodeGif writes
  const control = [0x21, 0xf9, 4, 0x01, 0, 0, index, 0];
  return Uint8Array.from([...gif.subarray(0, at), ...control, ...gif.subarray(at)]);
}

describe('GIF and BMP screenshots', () => {
  it('reads a code drawn on a transparent GIF: dark on clear (on white) and light on clear (on black)', async () => {
    // Index 1 is white, index 0 black (encodeGif); stb_image alone draws clear pixels black.
    expect(await decodeQrFromBytes(gifClear(1))).toEqual([URI]);
    expect(await decodeQrFromBytes(gifClear(0))).toEqual([URI]);
  });

  it('reads a QR code from a GIF and from BMPs stored bottom-up and top-down', async () => {
    expect(await decodeQrFromBytes(gif)).toEqual([URI]);
    expect(await decodeQrFromBytes(bmp)).toEqual([URI]);
    expect(await decodeQrFromBytes(encodeBmp(code, true))).toEqual([URI]);
  });

  it('refuses a GIF or BMP over the pixel limit from its header', async () => {
    const bigGif = gif.slice();
    new DataView(bigGif.buffer).setUint32(6, 0xffffffff, true); // 65535×65535
    expect(await codeOf(decodeQrCodes(bigGif))).toBe('IMAGE_TOO_LARGE');
    const bigBmp = bmp.slice();
    new DataView(bigBmp.buffer).setInt32(18, 20_000, true);
    new DataView(bigBmp.buffer).setInt32(22, -20_000, true);
    expect(await codeOf(decodeQrCodes(bigBmp))).toBe('IMAGE_TOO_LARGE');
  });

  it('names a cut-off GIF or BMP as such', async () => {
    expect(await messageOf(decodeQrCodes(gif.subarray(0, gif.length - 100)))).toBe(
      'This GIF image is damaged or incomplete (it is cut off before its end).',
    );
    expect(await messageOf(decodeQrCodes(bmp.subarray(0, bmp.length - 100)))).toBe(
      'This BMP image is damaged or incomplete (it is cut off before its end).',
    );
  });
});

describe('import names the scan command for these images', () => {
  it('recognises WebP, GIF and BMP by their first bytes', () => {
    expect(describeBinary(lossy)).toMatch(/^This is a WebP image, not an export file\./);
    expect(describeBinary(lossless)).toMatch(/authdesk scan --add <image>/);
    expect(describeBinary(gif)).toMatch(/^This is a GIF image, not an export file\./);
    expect(describeBinary(bmp)).toMatch(/^This is a BMP image, not an export file\./);
    // Too short to be one: nothing is claimed.
    expect(describeBinary(Buffer.from('RIFF', 'latin1'))).toBeUndefined();
  });
});

describe('arbitrary and mutated image bytes (property)', () => {
  // Sizes written into headers: small, or over the limit. Sizes just within the limit are left out
  // on purpose (as in fuzz.test.ts): decoding them legitimately costs hundreds of MB.
  // Both sides small or both over 10000 (WebP's 14-bit sides top out at 16384): one of each could
  // make a long strip within the limit.
  const small = fc.integer({ min: 0, max: 600 });
  const sizeFor = (kind: 'webp' | 'gif' | 'bmp') => {
    const big = fc.integer({ min: 10_001, max: kind === 'webp' ? 16_384 : 65_535 });
    return fc.oneof(fc.tuple(small, small), fc.tuple(big, big));
  };
  const sizeBytes: Record<string, [number, number]> = {
    webp: [20, 30],
    gif: [6, 10],
    bmp: [18, 26],
  };

  /** Flips bytes anywhere but the size fields, optionally writes a size, optionally cuts the end. */
  const mutated = (kind: 'webp' | 'gif' | 'bmp', base: () => Uint8Array) =>
    fc
      .record({
        flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        size: fc.option(sizeFor(kind)),
        cut: fc.option(fc.nat()),
      })
      .map(({ flips, size, cut }) => {
        let bytes = base().slice();
        const [from, to] = sizeBytes[kind]!;
        for (const [at, value] of flips) {
          const i = at % bytes.length;
          if (i < from || i >= to) bytes[i] = value;
        }
        if (size) {
          const view = new DataView(bytes.buffer);
          const [w, h] = size;
          if (kind === 'gif') {
            view.setUint16(6, Math.min(w, 65_535), true);
            view.setUint16(8, Math.min(h, 65_535), true);
          } else if (kind === 'bmp') {
            view.setInt32(18, w, true);
            view.setInt32(22, h, true);
          } else if (bytes[12] === 0x56 && bytes[15] === 0x4c) {
            // VP8L: 14-bit sides.
            const bits = view.getUint32(21, true) & 0xf0000000;
            view.setUint32(
              21,
              (bits | (((h - 1) & 0x3fff) << 14) | ((w - 1) & 0x3fff)) >>> 0,
              true,
            );
          } else {
            view.setUint16(26, w & 0x3fff, true);
            view.setUint16(28, h & 0x3fff, true);
          }
        }
        if (cut !== null) bytes = bytes.subarray(0, cut % (bytes.length + 1));
        return bytes;
      });

  it('decoding arbitrary or mutated WebP, GIF and BMP bytes throws only AuthdeskError', async () => {
    const header = (magic: string) =>
      fc
        .uint8Array({ maxLength: 200 })
        .map((tail) => Uint8Array.from([...Buffer.from(magic, 'latin1'), ...tail]));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mutated('webp', () => lossless),
          mutated('webp', () => lossy),
          mutated('gif', () => gif),
          mutated('gif', () => gifClear(1)),
          mutated('bmp', () => bmp),
          header('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '),
          header('RIFF\u0000\u0000\u0000\u0000WEBPVP8L'),
          header('GIF89a'),
          header('BM\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000'),
          fc.uint8Array({ maxLength: 100 }),
        ),
        async (bytes) => {
          try {
            const codes = await decodeQrCodes(bytes);
            expect(Array.isArray(codes)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(AuthdeskError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
