// What kind of picture a file is and how big it says it is, read from its header before any pixel is
// decoded: PNG, JPEG and WebP through the QR readers' header checks, SVG as text. Anything else, or a
// header that does not hold together, is ICON_UNREADABLE; past ICON_LIMITS, IMAGE_TOO_LARGE.
import { ICON_LIMITS } from '../../shared/account-icon';
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';
import { checkJpegComplete, isJpeg, readJpegLayout } from '../qr/jpeg-file';
import { checkPngChunks, isPng, readPngHeader } from '../qr/png-file';
import { isWebp, readWebpHeader, type WebpHeader } from '../qr/webp-file';

export type PictureFile =
  | { format: 'png'; width: number; height: number }
  | { format: 'jpeg'; width: number; height: number }
  | { format: 'webp'; width: number; height: number; header: WebpHeader }
  | { format: 'svg'; text: string };

const MB = 1024 * 1024;

export function unreadable(message: string, cause?: unknown): AuthdeskError {
  return new AuthdeskError('ICON_UNREADABLE', message, cause === undefined ? {} : { cause });
}

/** The QR readers speak of images; for an icon the same finding is ICON_UNREADABLE. */
function asIconError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isAuthdeskError(error) && error.code === 'IMAGE_UNREADABLE') {
      throw unreadable(error.message, error);
    }
    throw error;
  }
}

function checkPixels(width: number, height: number): void {
  if (width * height > ICON_LIMITS.maxSourcePixels) {
    throw new AuthdeskError(
      'IMAGE_TOO_LARGE',
      `This picture is ${width}×${height} pixels; an icon's picture may have at most ${ICON_LIMITS.maxSourcePixels / 1024 / 1024} megapixels.`,
    );
  }
}

const ROOT = /<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]/iy;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether the text starts as an SVG document: a byte order mark, an XML declaration, comments,
 * processing instructions, a document type (which svg-render.ts then refuses, saying why) and white
 * space, then the root element <svg> (with or without a prefix). Read in one pass (indexOf, never a
 * backtracking pattern over the whole text: a crafted prolog must not cost quadratic time).
 */
function startsAsSvg(text: string): boolean {
  /** Where the first `token` at or after `from` ends, or -1. */
  const past = (token: string, from: number) => {
    const found = text.indexOf(token, from);
    return found < 0 ? -1 : found + token.length;
  };
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    let end: number;
    if (text.startsWith('<?', at)) end = past('?>', at + 2);
    else if (text.startsWith('<!--', at)) end = past('-->', at + 4);
    else if (text.slice(at, at + 9).toUpperCase() === '<!DOCTYPE') {
      // An internal subset [ … ] may hold ">": the document type then ends at the first ">" after "]".
      const close = text.indexOf('>', at);
      const open = text.indexOf('[', at);
      const subset = open >= 0 && (close < 0 || open < close);
      const closed = subset ? past(']', open) : at;
      end = closed < 0 ? -1 : past('>', closed);
    } else break;
    if (end < 0) return false;
    at = end;
  }
  ROOT.lastIndex = at;
  return ROOT.test(text);
}

/** SVG text (UTF-8), or null when the bytes do not start like an SVG document. */
function svgText(bytes: Uint8Array): string | null {
  // The root element comes within the first few kilobytes of any real SVG: a quick look first.
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  if (!/<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]/.test(head)) return null;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return null;
  }
  return startsAsSvg(text) ? text.replace(/^\uFEFF/, '') : null;
}

/**
 * The picture's kind and size from its header (an SVG's text); refuses a file over
 * ICON_LIMITS.maxSourceBytes, a raster over maxSourcePixels and anything damaged or of another kind.
 */
export function readPictureFile(bytes: Uint8Array): PictureFile {
  if (bytes.byteLength > ICON_LIMITS.maxSourceBytes) {
    throw new AuthdeskError(
      'IMAGE_TOO_LARGE',
      `This file is ${(bytes.byteLength / MB).toFixed(1)} MB; an icon's picture may be at most ${ICON_LIMITS.maxSourceBytes / MB} MB.`,
    );
  }
  if (isPng(bytes)) {
    const header = asIconError(() => readPngHeader(bytes));
    checkPixels(header.width, header.height);
    // Lengths and checksums of every chunk up to IEND: a cut-off or changed file is refused.
    asIconError(() => checkPngChunks(bytes, header));
    return { format: 'png', width: header.width, height: header.height };
  }
  if (isJpeg(bytes)) {
    const layout = asIconError(() => readJpegLayout(bytes));
    checkPixels(layout.width, layout.height);
    asIconError(() => checkJpegComplete(bytes, layout));
    return { format: 'jpeg', width: layout.width, height: layout.height };
  }
  if (isWebp(bytes)) {
    const header = asIconError(() => readWebpHeader(bytes));
    checkPixels(header.width, header.height);
    return { format: 'webp', width: header.width, height: header.height, header };
  }
  const text = svgText(bytes);
  if (text !== null) return { format: 'svg', text };
  throw unreadable('This is not a PNG, JPEG, WebP or SVG picture.');
}
