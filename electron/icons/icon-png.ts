// Writes an icon's pixels as the PNG the vault keeps: RGB when every pixel is opaque, else RGBA, with
// fixed options, so the same pixels always give the same bytes (and the same SHA-256 name).
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import { ICON_LIMITS } from '../../shared/account-icon';
import { AuthdeskError } from '../../shared/errors';
import type { Rgba } from './raster-decode';

function isOpaque(data: Uint8Array): boolean {
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return false;
  return true;
}

/** PNG bytes of `image` (no metadata chunks: nothing of the source file travels on). */
export function encodePng(image: Rgba): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png, {
    colorType: isOpaque(image.data) ? 2 : 6,
    inputHasAlpha: true,
    deflateLevel: 9,
    // Z_FILTERED: about half the size of pngjs's default (run-length only) on photos.
    deflateStrategy: 1,
  });
}

/** ICON_TOO_LARGE when the PNG does not fit ICON_LIMITS.maxStoredBytes. */
export function checkStoredSize(png: Uint8Array): void {
  if (png.byteLength > ICON_LIMITS.maxStoredBytes) {
    throw new AuthdeskError(
      'ICON_TOO_LARGE',
      `This picture takes ${Math.ceil(png.byteLength / 1024)} KB even at ${ICON_LIMITS.size}×${ICON_LIMITS.size} pixels; an icon may take at most ${ICON_LIMITS.maxStoredBytes / 1024} KB. Choose a simpler picture.`,
    );
  }
}

/** The name a stored picture goes by: the SHA-256 of its PNG bytes, lower-case hex. */
export function iconHash(png: Uint8Array): string {
  return createHash('sha256').update(png).digest('hex');
}
