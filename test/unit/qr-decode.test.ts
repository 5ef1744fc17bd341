// Proves the decode core's limits and errors, its bitmap path, transparency handling, and that the wasm never comes from the network.
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  IMAGE_LIMITS,
  decodeQrFromBytes,
  decodeQrFromRgba,
  type RgbaImage,
} from '../../electron/qr/decode';
import { checkPngChunks, readPngHeader } from '../../electron/qr/png-file';
import { inflatePixels, isFullyOpaque } from '../../electron/qr/png-opacity';
import { inReadingOrder } from '../../electron/qr/reading-order';
import { AuthdeskError, type ErrorCode } from '../../shared/errors';
import { encodeJpeg, encodePng, pngChunk } from '../corpus/encode';
import { qrRaster } from '../corpus/qr-draw';
import { type Raster, rgb } from '../corpus/raster';

const URI = 'otpauth://totp/Example:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';
const code = qrRaster(URI, { module: 4 });
const pngBytes = encodePng(code, 'rgb');
const jpegBytes = encodeJpeg(code, 80);
const fetchCalls: unknown[] = [];

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode> {
  const error = await promise.then(
    () => expect.fail('expected an AuthdeskError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthdeskError);
  return (error as AuthdeskError).code;
}

/** A well-formed PNG whose header claims width × height, with a token of pixel data. */
function pngClaiming(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const parts = [
    Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', Uint8Array.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    pngChunk('IEND', new Uint8Array(0)),
  ];
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

function pngWithFilter(r: Raster, filterType: number): Uint8Array {
  const png = new PNG({ width: r.width, height: r.height });
  png.data = Buffer.from(r.data);
  return new Uint8Array(PNG.sync.write(png, { colorType: 6, filterType }));
}

async function opaque(bytes: Uint8Array): Promise<boolean> {
  const header = readPngHeader(bytes);
  return isFullyOpaque(header, await inflatePixels(header, checkPngChunks(bytes, header).data));
}

function pixelsOf(png: Uint8Array): RgbaImage {
  const decoded = PNG.sync.read(Buffer.from(png));
  return { width: decoded.width, height: decoded.height, data: new Uint8Array(decoded.data) };
}

beforeAll(() => {
  // Nothing in this file may reach the network: zxing-wasm's default is to fetch its wasm from a CDN.
  vi.stubGlobal('fetch', (...args: unknown[]) => {
    fetchCalls.push(args);
    throw new Error('network access attempted');
  });
});
afterAll(() => vi.unstubAllGlobals());

describe('loading the decoder', () => {
  it('reads the wasm from the installed zxing-wasm package, never over the network', async () => {
    expect(await decodeQrFromBytes(pngBytes)).toEqual([URI]);
    expect(fetchCalls).toEqual([]);
  });
});

describe('decodeQrFromBytes', () => {
  it('reads a PNG and a JPEG', async () => {
    expect(await decodeQrFromBytes(pngBytes)).toEqual([URI]);
    expect(await decodeQrFromBytes(jpegBytes)).toEqual([URI]);
  });

  it('returns [] for a real image without a code', async () => {
    const blank = qrRaster('x', { module: 1 });
    blank.fillRect(0, 0, blank.width, blank.height, rgb('#ffffff'));
    expect(await decodeQrFromBytes(encodePng(blank, 'rgb'))).toEqual([]);
  });

  it('refuses random bytes, a text file and empty input with IMAGE_UNREADABLE', async () => {
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff);
    const text = new TextEncoder().encode('otpauth://totp/Example?secret=JBSWY3DPEHPK3PXP\n');
    for (const bytes of [random, text, new Uint8Array(0)]) {
      expect(await codeOf(decodeQrFromBytes(bytes))).toBe('IMAGE_UNREADABLE');
    }
  });

  it('refuses PNGs cut off after the header, halfway or before IEND, and one with a flipped bit', async () => {
    const flipped = pngBytes.slice();
    flipped[Math.floor(flipped.length / 2)]! ^= 0x10;
    for (const bytes of [
      pngBytes.subarray(0, 33),
      pngBytes.subarray(0, pngBytes.length / 2),
      pngBytes.subarray(0, pngBytes.length - 12),
      flipped,
    ]) {
      expect(await codeOf(decodeQrFromBytes(bytes))).toBe('IMAGE_UNREADABLE');
    }
  });

  it('refuses JPEGs cut off anywhere, even at 90% where the top of the image would still decode', async () => {
    for (const cut of [0.05, 0.5, 0.9, 0.999]) {
      const bytes = jpegBytes.subarray(0, Math.floor(jpegBytes.length * cut));
      expect(await codeOf(decodeQrFromBytes(bytes))).toBe('IMAGE_UNREADABLE');
    }
  });

  it('refuses a PNG claiming 100000×100000 pixels with IMAGE_TOO_LARGE, before allocating anything for it', async () => {
    const huge = pngClaiming(100_000, 100_000);
    const before = process.memoryUsage();
    expect(await codeOf(decodeQrFromBytes(huge))).toBe('IMAGE_TOO_LARGE');
    const after = process.memoryUsage();
    // The pixels alone would be 40 GB; a decoder that tried would fail otherwise or take seconds.
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(1024 * 1024);
    expect(after.rss - before.rss).toBeLessThan(64 * 1024 * 1024);
  });

  it('accepts a header at exactly 100 megapixels as far as the size check goes', async () => {
    // 10000×10000 passes the limit; the token pixel data then fails as damaged, not as too large.
    expect(await codeOf(decodeQrFromBytes(pngClaiming(10_000, 10_000)))).toBe('IMAGE_UNREADABLE');
    expect(await codeOf(decodeQrFromBytes(pngClaiming(10_000, 10_001)))).toBe('IMAGE_TOO_LARGE');
  });

  it('refuses a JPEG whose frame header claims 65535×65535 with IMAGE_TOO_LARGE', async () => {
    const bytes = jpegBytes.slice();
    const sof = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xc0);
    new DataView(bytes.buffer).setUint16(sof + 5, 65535);
    new DataView(bytes.buffer).setUint16(sof + 7, 65535);
    expect(await codeOf(decodeQrFromBytes(bytes))).toBe('IMAGE_TOO_LARGE');
  });

  it('refuses more than 50 MB with IMAGE_TOO_LARGE without looking inside', async () => {
    const big = new Uint8Array(IMAGE_LIMITS.maxBytes + 1);
    big.set(pngBytes);
    expect(await codeOf(decodeQrFromBytes(big))).toBe('IMAGE_TOO_LARGE');
  });
});

describe('transparent PNGs', () => {
  const onClear = qrRaster(URI, { module: 4, light: [0, 0, 0, 0] });

  it('finds a black code on transparent pixels (which are black underneath) by compositing onto white', async () => {
    expect(await decodeQrFromBytes(encodePng(onClear, 'rgba'))).toEqual([URI]);
  });

  it('finds the code under every PNG row filter', async () => {
    for (const filterType of [0, 1, 2, 3, 4]) {
      expect(
        await decodeQrFromBytes(pngWithFilter(onClear, filterType)),
        `filter ${filterType}`,
      ).toEqual([URI]);
    }
  });

  it('tells a fully opaque RGBA PNG from one with a single translucent pixel, under every row filter', async () => {
    // Opaque ones take the fast wasm path, which ignores alpha; one missed translucent pixel would
    // send a transparent image there. Corners and the middle exercise every neighbour case.
    const w = code.width;
    const h = code.height;
    const spots = [
      [0, 0],
      [w - 1, 0],
      [0, h >> 1],
      [w >> 1, h >> 1],
      [w - 1, h - 1],
    ] as const;
    for (const filterType of [0, 1, 2, 3, 4]) {
      expect(await opaque(pngWithFilter(code, filterType)), `filter ${filterType}`).toBe(true);
      for (const [x, y] of spots) {
        const dimmed = qrRaster(URI, { module: 4 });
        dimmed.data[(y * w + x) * 4 + 3] = 254;
        expect(
          await opaque(pngWithFilter(dimmed, filterType)),
          `filter ${filterType} at ${x},${y}`,
        ).toBe(false);
      }
    }
  });

  it('reads an opaque gray+alpha PNG and a transparent 16-bit one', async () => {
    const gray = new PNG({ width: code.width, height: code.height });
    gray.data = Buffer.from(code.data);
    expect(await decodeQrFromBytes(new Uint8Array(PNG.sync.write(gray, { colorType: 4 })))).toEqual(
      [URI],
    );
    const deep = new PNG({ width: onClear.width, height: onClear.height, bitDepth: 16 });
    deep.data = Buffer.from(onClear.data);
    const bytes = new Uint8Array(PNG.sync.write(deep, { colorType: 6, bitDepth: 16 }));
    expect(bytes[24]).toBe(16);
    expect(await decodeQrFromBytes(bytes)).toEqual([URI]);
  });
});

describe('decodeQrFromRgba', () => {
  it('reads an RGBA bitmap as it is, and the same bitmap in BGRA order', async () => {
    const image = pixelsOf(pngBytes);
    expect(await decodeQrFromRgba(image)).toEqual([URI]);
    const bgra = image.data.slice();
    for (let i = 0; i < bgra.length; i += 4) [bgra[i], bgra[i + 2]] = [bgra[i + 2]!, bgra[i]!];
    expect(await decodeQrFromRgba({ ...image, data: bgra })).toEqual([URI]);
  });

  it('composites a transparent bitmap (a copied transparent image) before reading it', async () => {
    const onClear = qrRaster(URI, { module: 4, light: [0, 0, 0, 0] });
    expect(await decodeQrFromRgba(onClear)).toEqual([URI]);
    const whiteOnClear = qrRaster(URI, {
      module: 4,
      dark: [255, 255, 255, 255],
      light: [255, 255, 255, 0],
    });
    expect(await decodeQrFromRgba(whiteOnClear)).toEqual([URI]);
  });

  it('refuses a bitmap over 100 megapixels with IMAGE_TOO_LARGE before looking at its data', async () => {
    expect(
      await codeOf(decodeQrFromRgba({ width: 20_000, height: 5_001, data: new Uint8Array(4) })),
    ).toBe('IMAGE_TOO_LARGE');
  });

  it('refuses impossible sizes and data of the wrong length with IMAGE_UNREADABLE', async () => {
    for (const image of [
      { width: 0, height: 10, data: new Uint8Array(0) },
      { width: 1.5, height: 2, data: new Uint8Array(12) },
      { width: 10, height: 10, data: new Uint8Array(399) },
    ]) {
      expect(await codeOf(decodeQrFromRgba(image))).toBe('IMAGE_UNREADABLE');
    }
  });
});

describe('reading order', () => {
  const at = (text: string, left: number, top: number, size = 100) => ({
    text,
    bytes: new TextEncoder().encode(text),
    textual: true,
    left,
    top,
    right: left + size,
    bottom: top + size,
  });

  it('reads rows top to bottom and codes left to right, even when tops in a row differ a little', () => {
    const codes = [
      at('row2-left', 0, 300),
      at('row1-right', 400, 12),
      at('row1-left', 0, 0),
      at('row1-middle', 200, 30),
    ];
    expect(inReadingOrder(codes).map((c) => c.text)).toEqual([
      'row1-left',
      'row1-middle',
      'row1-right',
      'row2-left',
    ]);
  });

  it('reports a code shown twice once, at its first place', () => {
    const codes = inReadingOrder([at('b', 300, 0), at('a', 0, 0), at('b', 0, 300)]);
    expect(codes.map((c) => c.text)).toEqual(['a', 'b']);
  });
});
