// The icon picture pipeline in this thread (icon-picture.ts): PNG, JPEG, WebP and SVG pictures made
// here become a PNG fitted into 128×128 (aspect kept, area-averaged, never enlarged); sizes are
// refused from the header before decoding; damaged and unsafe files are refused; nothing is fetched;
// and arbitrary or mutated bytes only ever fail with an AuthdeskError.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { iconPictureFrom, menuIconPng } from '../../electron/icons/icon-picture';
import { iconHash } from '../../electron/icons/icon-png';
import { readPictureFile } from '../../electron/icons/picture-file';
import { ICON_LIMITS } from '../../shared/account-icon';
import { AuthdeskError, type ErrorCode } from '../../shared/errors';
import {
  BLUE,
  halves,
  jpegFile,
  picture,
  pixel,
  pixelsOf,
  pngFile,
  RED,
  squareSvg,
  webpFile,
} from '../harness/icon-images';

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode> {
  const error = await promise.then(
    () => expect.fail('expected an AuthdeskError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthdeskError);
  return (error as AuthdeskError).code;
}

const near = (actual: number[], expected: readonly number[], tolerance: number) =>
  actual.every((value, i) => Math.abs(value - expected[i]!) <= tolerance);

const fetchCalls: unknown[] = [];
let server: Server;
let requests: string[];
let origin: string;

beforeAll(async () => {
  // The wasm of resvg and libwebp comes from their package files, never over the network.
  vi.stubGlobal('fetch', (...args: unknown[]) => {
    fetchCalls.push(args);
    throw new Error('network access attempted');
  });
  requests = [];
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await new Promise((resolve) => server.close(resolve));
});

describe('pictures become a PNG fitted into 128×128', () => {
  it('fits a wide PNG (aspect kept) and keeps its colours where they were', async () => {
    const icon = pixelsOf(await iconPictureFrom(pngFile(halves(300, 150))));
    expect([icon.width, icon.height]).toEqual([128, 64]);
    expect(pixel(icon, 10, 30)).toEqual([...RED]);
    expect(pixel(icon, 120, 30)).toEqual([...BLUE]);
  });

  it('fits a tall JPEG', async () => {
    const icon = pixelsOf(await iconPictureFrom(jpegFile(halves(200, 400))));
    expect([icon.width, icon.height]).toEqual([64, 128]);
    expect(near(pixel(icon, 5, 60), RED, 12)).toBe(true);
    expect(near(pixel(icon, 58, 60), BLUE, 12)).toBe(true);
  });

  it('fits a WebP and keeps its transparency', async () => {
    const clearCorner = picture(256, 256, (x, y) => (x < 128 && y < 128 ? [0, 0, 0, 0] : RED));
    const icon = pixelsOf(await iconPictureFrom(await webpFile(clearCorner)));
    expect([icon.width, icon.height]).toEqual([128, 128]);
    expect(pixel(icon, 10, 10)[3]).toBe(0);
    expect(pixel(icon, 100, 100)).toEqual([...RED]);
  });

  it('draws an SVG at 128 pixels, its longer side filling the icon', async () => {
    const svg = squareSvg('#1428c8');
    const icon = pixelsOf(await iconPictureFrom(Buffer.from(svg)));
    expect([icon.width, icon.height]).toEqual([128, 128]);
    expect(pixel(icon, 64, 64)).toEqual([20, 40, 200, 255]);
    const wide =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10" fill="#f00"/></svg>';
    const drawn = pixelsOf(
      await iconPictureFrom(Buffer.from(`\uFEFF<?xml version="1.0"?>\n<!-- x -->${wide}`)),
    );
    expect([drawn.width, drawn.height]).toEqual([128, 32]);
  });

  it('never enlarges a small raster picture', async () => {
    const icon = pixelsOf(await iconPictureFrom(pngFile(halves(40, 20))));
    expect([icon.width, icon.height]).toEqual([40, 20]);
  });

  it('averages the area each pixel covers: a fine checkerboard becomes even grey, not black or white', async () => {
    const board = picture(256, 256, (x, y) =>
      (x + y) % 2 === 0 ? [0, 0, 0, 255] : [255, 255, 255, 255],
    );
    const icon = pixelsOf(await iconPictureFrom(pngFile(board)));
    for (const [x, y] of [
      [0, 0],
      [37, 91],
      [127, 127],
    ] as const) {
      expect(near(pixel(icon, x, y), [128, 128, 128, 255], 1)).toBe(true);
    }
  });

  it('averages over alpha: red next to clear stays red, half covered, without a dark fringe', async () => {
    const stripes = picture(256, 256, (x) => (x % 2 === 0 ? RED : [0, 0, 0, 0]));
    const icon = pixelsOf(await iconPictureFrom(pngFile(stripes)));
    const [r, g, b, a] = pixel(icon, 50, 50);
    expect([r, g, b]).toEqual([RED[0], RED[1], RED[2]]);
    expect(Math.abs(a! - 128)).toBeLessThanOrEqual(1);
  });

  it('gives the same bytes (and the same name) for the same picture, and keeps nothing of the file but pixels', async () => {
    const file = pngFile(halves(300, 150));
    const a = await iconPictureFrom(file);
    const b = await iconPictureFrom(new Uint8Array(file));
    expect(Buffer.compare(a, b)).toBe(0);
    expect(iconHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(iconHash(a)).toBe(iconHash(b));
    // An opaque picture is stored as RGB (colour type 2), a transparent one as RGBA (6).
    expect(a[25]).toBe(2);
    const chunks = Buffer.from(a).toString('latin1');
    expect(chunks).not.toMatch(/tEXt|iTXt|zTXt|eXIf|tIME/);
  });

  it('refuses a picture whose PNG does not fit the stored limit (ICON_TOO_LARGE)', async () => {
    const hiss = { width: 128, height: 128, data: new Uint8Array(randomBytes(128 * 128 * 4)) };
    expect(await codeOf(iconPictureFrom(pngFile(hiss)))).toBe('ICON_TOO_LARGE');
    expect(ICON_LIMITS.maxStoredBytes).toBe(64 * 1024);
  });
});

/** A PNG whose header claims width×height and whose data is a few bytes (valid chunks). */
function pngClaiming(width: number, height: number): Uint8Array {
  const real = pngFile(picture(1, 1, () => RED));
  const out = new Uint8Array(real);
  const view = new DataView(out.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  // The IHDR checksum is fixed up, so only the size is out of bounds.
  view.setUint32(29, crc32(out.subarray(12, 29)));
  return out;
}

/** A baseline JPEG's header with its frame size changed; the scan data stays that of 8×8 pixels. */
function jpegClaiming(width: number, height: number): Uint8Array {
  const out = new Uint8Array(jpegFile(picture(8, 8, () => RED)));
  for (let at = 2; at < out.length - 9; at++) {
    if (out[at] === 0xff && out[at + 1] === 0xc0) {
      new DataView(out.buffer).setUint16(at + 5, height);
      new DataView(out.buffer).setUint16(at + 7, width);
      return out;
    }
  }
  throw new Error('no SOF0');
}

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

describe('limits, read from the header before anything is decoded', () => {
  it('refuses PNG, JPEG and WebP headers past 16 megapixels (IMAGE_TOO_LARGE), though their data is tiny', async () => {
    for (const file of [
      pngClaiming(4097, 4096),
      jpegClaiming(8000, 8000),
      webpClaiming(5000, 5000),
    ]) {
      const started = performance.now();
      expect(await codeOf(iconPictureFrom(file))).toBe('IMAGE_TOO_LARGE');
      // Decoding 16 MP takes seconds; the header alone is read in well under that.
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it('refuses a file over 5 MB before looking inside (IMAGE_TOO_LARGE)', async () => {
    const big = new Uint8Array(ICON_LIMITS.maxSourceBytes + 1);
    big.set(pngFile(picture(1, 1, () => RED)));
    expect(await codeOf(iconPictureFrom(big))).toBe('IMAGE_TOO_LARGE');
  });

  it('lets a header at the limit through to decoding: 4096×4096', () => {
    expect(readPictureFile(pngClaiming(4096, 4096))).toEqual({
      format: 'png',
      width: 4096,
      height: 4096,
    });
  });
});

describe('damaged and other files (ICON_UNREADABLE)', () => {
  it('refuses cut-off, changed and unknown files', async () => {
    const png = pngFile(halves(64, 64));
    const badCrc = new Uint8Array(png);
    badCrc[40] = badCrc[40]! ^ 0xff;
    const jpeg = jpegFile(halves(64, 64));
    const webp = await webpFile(halves(64, 64));
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    const cases: Uint8Array[] = [
      png.slice(0, png.length - 20),
      badCrc,
      jpeg.slice(0, jpeg.length - 30),
      webp.slice(0, webp.length - 10),
      gif,
      new Uint8Array(0),
      Buffer.from('hello, not a picture'),
      Buffer.from('<html><svg></svg></html>'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect'),
      Buffer.from([0xff, 0xfe, 0x3c, 0x00, 0x73, 0x00, 0x76, 0x00, 0x67, 0x00]),
    ];
    for (const file of cases) expect(await codeOf(iconPictureFrom(file))).toBe('ICON_UNREADABLE');
  });
});

describe('SVG pictures are drawn safely', () => {
  const plain = squareSvg();

  it('refuses a document type or entity declarations (entity expansion)', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><text>&b;</text></svg>`;
    const external = `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "${origin}/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"/>`;
    for (const svg of [laughs, external]) {
      const error = await iconPictureFrom(Buffer.from(svg)).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'ICON_UNREADABLE',
        message: 'This SVG picture cannot be used: it declares a document type or entities.',
      });
    }
    expect(requests).toEqual([]);
  });

  it('reads a crafted prolog (a megabyte of comments, an unclosed one at the end) in linear time', async () => {
    const prolog = `<!-- <svg> -->${'<!---->'.repeat(150_000)}<!--`;
    const started = performance.now();
    expect(await codeOf(iconPictureFrom(Buffer.from(prolog)))).toBe('ICON_UNREADABLE');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('draws nothing from outside: linked pictures, styles and uses are not fetched, and the result is the same as without them', async () => {
    requests.length = 0;
    const alone = await iconPictureFrom(Buffer.from(plain));
    const linking = squareSvg(
      '#dc141e',
      `<image href="${origin}/a.png" width="24" height="24"/>` +
        `<image xlink:href="file:///etc/passwd" width="24" height="24"/>` +
        `<use href="${origin}/b.svg#x"/>` +
        `<style>@import url(${origin}/c.css);</style><rect width="1" height="1" filter="url(${origin}/d.svg#f)"/>`,
    );
    const drawn = await iconPictureFrom(Buffer.from(linking));
    expect(requests).toEqual([]);
    expect(fetchCalls).toEqual([]);
    expect(pixel(pixelsOf(drawn), 64, 64)).toEqual(pixel(pixelsOf(alone), 64, 64));
  });

  it('runs no script: a script and event handlers are inert, and only pixels are kept', async () => {
    const scripted = squareSvg(
      '#dc141e',
      `<script>globalThis.ran = true; fetch("${origin}/s")</script><rect onload="fetch('${origin}/o')" width="1" height="1" fill="none"/>`,
    );
    const drawn = await iconPictureFrom(Buffer.from(scripted));
    expect((globalThis as { ran?: boolean }).ran).toBeUndefined();
    expect(requests).toEqual([]);
    // What is kept is a PNG: no trace of the SVG's text.
    expect([...drawn.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(Buffer.from(drawn).toString('latin1')).not.toContain('script');
  });

  it('refuses an SVG inside the SVG, and an embedded picture past the pixel limit', async () => {
    const nested = squareSvg(
      '#000',
      `<image href="data:image/svg+xml;base64,${Buffer.from(plain).toString('base64')}" width="24" height="24"/>`,
    );
    expect(await codeOf(iconPictureFrom(Buffer.from(nested)))).toBe('ICON_UNREADABLE');
    const huge = squareSvg(
      '#000',
      `<image href="data:image/png;base64,${Buffer.from(pngClaiming(20000, 20000)).toString('base64')}" width="24" height="24"/>`,
    );
    expect(await codeOf(iconPictureFrom(Buffer.from(huge)))).toBe('IMAGE_TOO_LARGE');
    const small = squareSvg(
      '#000',
      `<image href="data:image/png;base64,${Buffer.from(pngFile(halves(8, 8))).toString('base64')}" width="24" height="24"/>`,
    );
    const icon = pixelsOf(await iconPictureFrom(Buffer.from(small)));
    expect(near(pixel(icon, 10, 64), RED, 2)).toBe(true);
  });
});

describe('menu icons (the tray)', () => {
  it('draws a kept icon and an SVG into a square of the asked size, centred', async () => {
    const kept = await iconPictureFrom(pngFile(halves(300, 150)));
    const small = pixelsOf(await menuIconPng({ kind: 'png', bytes: kept }, 16));
    expect([small.width, small.height]).toEqual([16, 16]);
    expect(pixel(small, 8, 0)[3]).toBe(0); // above the wide picture: clear
    expect(pixel(small, 1, 8)).toEqual([...RED]);
    const svg = pixelsOf(await menuIconPng({ kind: 'svg', text: squareSvg('#1428c8') }, 32));
    expect([svg.width, svg.height]).toEqual([32, 32]);
    expect(pixel(svg, 16, 16)).toEqual([20, 40, 200, 255]);
  });
});

describe('any bytes', () => {
  let originals: Uint8Array[];
  beforeAll(async () => {
    const small = halves(24, 16);
    originals = [
      pngFile(small),
      jpegFile(small),
      await webpFile(small),
      await webpFile(small, false),
      Buffer.from(squareSvg()),
    ];
  });

  it('only ever fail with an AuthdeskError (random, mutated and cut files of each kind)', async () => {
    const mutated = fc
      .tuple(
        fc.nat({ max: 4 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 6 }),
        fc.option(fc.nat(), { nil: undefined }),
      )
      .map(([which, flips, cut]) => {
        const bytes = new Uint8Array(originals[which]!);
        for (const [at, value] of flips) bytes[at % bytes.length]! ^= value;
        return cut === undefined ? bytes : bytes.slice(0, cut % (bytes.length + 1));
      });
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated, fc.uint8Array({ maxLength: 256 })), async (bytes) => {
        try {
          const png = await iconPictureFrom(bytes);
          expect(png.byteLength).toBeLessThanOrEqual(ICON_LIMITS.maxStoredBytes);
        } catch (error) {
          expect(error).toBeInstanceOf(AuthdeskError);
        }
      }),
      { numRuns: 150 },
    );
  });
});
