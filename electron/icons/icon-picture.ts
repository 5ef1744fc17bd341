// The whole picture pipeline, in the thread that calls it (icon-worker.ts runs it off the main
// thread): a picture file → the PNG an account's icon is kept as (fitted into ICON_LIMITS.size,
// aspect kept), and a kept PNG or a brand's SVG → a small square PNG for a menu (the tray).
import { ICON_LIMITS } from '../../shared/account-icon';
import { fitPicture, squareIcon } from './fit-picture';
import { checkStoredSize, encodePng } from './icon-png';
import { readPictureFile } from './picture-file';
import { decodeRaster, type Rgba } from './raster-decode';
import { renderSvg } from './svg-render';

/**
 * PNG, JPEG, WebP or SVG bytes → the icon's PNG. IMAGE_TOO_LARGE past the source limits (read from
 * the header, before decoding), ICON_UNREADABLE for anything else or damaged, ICON_TOO_LARGE when
 * the PNG still does not fit maxStoredBytes.
 */
export async function iconPictureFrom(bytes: Uint8Array): Promise<Buffer> {
  const file = readPictureFile(bytes);
  const fitted =
    file.format === 'svg'
      ? await renderSvg(file.text, ICON_LIMITS.size)
      : fitPicture(await decodeRaster(bytes, file), ICON_LIMITS.size);
  const png = encodePng(fitted);
  checkStoredSize(png);
  return png;
}

/** A picture for a menu: `source` (a kept icon PNG, or SVG text) fitted and centred in size×size. */
export async function menuIconPng(
  source: { kind: 'png'; bytes: Uint8Array } | { kind: 'svg'; text: string },
  size: number,
): Promise<Buffer> {
  let image: Rgba;
  if (source.kind === 'svg') image = await renderSvg(source.text, size);
  else {
    const file = readPictureFile(source.bytes);
    if (file.format !== 'png') throw new Error('A kept icon is a PNG.');
    image = await decodeRaster(source.bytes, file);
  }
  return encodePng(squareIcon(image, size));
}
