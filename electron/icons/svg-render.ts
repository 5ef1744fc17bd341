// Rasterises an SVG picture with resvg (@resvg/resvg-wasm, its wasm read from the package file): an
// SVG is never kept or shown as SVG, only as the pixels drawn here. resvg runs no script, and in
// WebAssembly it can open no file and no connection: outside references are simply not drawn. No
// font is loaded (text is not drawn). What is refused before resvg sees the text: a DTD or entity
// declaration (entity expansion), a nested SVG picture, and embedded pictures past ICON_LIMITS.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { ICON_LIMITS } from '../../shared/account-icon';
import { AuthdeskError } from '../../shared/errors';
import { isJpeg, readJpegLayout } from '../qr/jpeg-file';
import { isPng, readPngHeader } from '../qr/png-file';
import { isWebp, readWebpHeader } from '../qr/webp-file';
import { outsideAsar } from '../qr/outside-asar';
import { unreadable } from './picture-file';
import type { Rgba } from './raster-decode';

/** resvg's .wasm as the module at `moduleUrl` finds it (outside app.asar in a packaged app). */
export function resvgWasmFile(moduleUrl: string): string {
  return outsideAsar(
    createRequire(outsideAsar(moduleUrl)).resolve('@resvg/resvg-wasm/index_bg.wasm'),
  );
}

let ready: Promise<void> | undefined;

/** Instantiates resvg once per thread from the installed file (never fetched). */
function loadResvg(): Promise<void> {
  ready ??= initWasm(readFileSync(resvgWasmFile(import.meta.url))).catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

// Entity declarations live in a DTD: without one, only XML's five built-in entities remain.
const DTD = /<!(?:DOCTYPE|ENTITY)/i;
// Pictures inside the SVG as data: URLs (resvg decodes PNG, JPEG, GIF and WebP ones, and nested SVG).
const DATA_URL = /data:\s*([a-z0-9.+/-]*)\s*((?:;[^,;'"]*)*),([^'")\s]*)/gi;

function unsafe(why: string): AuthdeskError {
  return unreadable(`This SVG picture cannot be used: it ${why}.`);
}

/** Throws unless every embedded picture is a raster within ICON_LIMITS (checked from its header). */
function checkEmbedded(text: string): void {
  for (const [, type = '', params = '', data = ''] of text.matchAll(DATA_URL)) {
    const mime = type.toLowerCase();
    if (!mime.startsWith('image/')) continue;
    if (mime.includes('svg')) throw unsafe('holds another SVG picture inside it');
    if (!/;\s*base64/i.test(params)) throw unsafe('holds a picture that is not base64 data');
    const bytes = Buffer.from(data.replace(/%[0-9a-f]{2}|\s/gi, ''), 'base64');
    let size: { width: number; height: number };
    try {
      if (isPng(bytes)) size = readPngHeader(bytes);
      else if (isJpeg(bytes)) size = readJpegLayout(bytes);
      else if (isWebp(bytes)) size = readWebpHeader(bytes);
      else throw unsafe('holds a picture that is not PNG, JPEG or WebP');
    } catch (error) {
      if (error instanceof AuthdeskError && error.code === 'ICON_UNREADABLE') throw error;
      throw unsafe('holds a damaged picture');
    }
    if (size.width * size.height > ICON_LIMITS.maxSourcePixels) {
      throw new AuthdeskError(
        'IMAGE_TOO_LARGE',
        `This SVG picture holds a picture of ${size.width}×${size.height} pixels; at most ${ICON_LIMITS.maxSourcePixels / 1024 / 1024} megapixels are allowed.`,
      );
    }
  }
}

/** Throws unless the text may be given to resvg (see the top of this file). */
export function checkSvgText(text: string): void {
  if (DTD.test(text)) throw unsafe('declares a document type or entities');
  checkEmbedded(text);
}

type Parsed = InstanceType<typeof Resvg>;

function parse(text: string, fit: ConstructorParameters<typeof Resvg>[1]): Parsed {
  try {
    return new Resvg(text, fit);
  } catch (error) {
    throw unreadable('This SVG picture could not be read; it may be damaged.', error);
  }
}

/**
 * The SVG drawn so that its longer side is `size` pixels (vector art is drawn at the size it is
 * kept at, never enlarged from pixels). ICON_UNREADABLE for text resvg cannot read or draw.
 */
export async function renderSvg(text: string, size: number): Promise<Rgba> {
  checkSvgText(text);
  await loadResvg();
  const probe = parse(text, { fitTo: { mode: 'original' } });
  const { width, height } = probe;
  probe.free();
  if (!(width > 0 && height > 0)) throw unreadable('This SVG picture has no size to draw.');
  const resvg = parse(text, {
    fitTo: width >= height ? { mode: 'width', value: size } : { mode: 'height', value: size },
    font: { loadSystemFonts: false },
    // Drawn as they would be in a browser; nothing outside is looked up (imagesToResolve is ignored).
    shapeRendering: 2,
    imageRendering: 0,
  });
  try {
    const image = resvg.render();
    try {
      const w = image.width;
      const h = image.height;
      if (w < 1 || h < 1 || w > size || h > size) {
        throw unreadable('This SVG picture has no size to draw.');
      }
      // resvg gives premultiplied RGBA; icons are kept straight (un-premultiplied).
      return { width: w, height: h, data: unpremultiply(image.pixels) };
    } finally {
      image.free();
    }
  } catch (error) {
    if (error instanceof AuthdeskError) throw error;
    throw unreadable('This SVG picture could not be drawn.', error);
  } finally {
    resvg.free();
  }
}

function unpremultiply(pixels: Uint8Array): Uint8Array {
  const out = new Uint8Array(pixels.length);
  for (let i = 0; i < pixels.length; i += 4) {
    const a = pixels[i + 3]!;
    if (a === 0) continue;
    out[i] = Math.min(255, Math.round((pixels[i]! * 255) / a));
    out[i + 1] = Math.min(255, Math.round((pixels[i + 1]! * 255) / a));
    out[i + 2] = Math.min(255, Math.round((pixels[i + 2]! * 255) / a));
    out[i + 3] = a;
  }
  return out;
}
