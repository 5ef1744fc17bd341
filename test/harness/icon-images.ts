// Pictures for the icon tests, made here: PNG (pngjs), JPEG (jpeg-js) and WebP (libwebp) of simple
// known patterns, SVG text, and the pixels of a PNG read back to check what the pipeline made.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { encodeWebp } from './image-encoders';

export interface Picture {
  width: number;
  height: number;
  data: Uint8Array;
}

type Colour = readonly [number, number, number, number];

/** width×height pixels, each the colour `at(x, y)` gives (RGBA). */
export function picture(
  width: number,
  height: number,
  at: (x: number, y: number) => Colour,
): Picture {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(at(x, y), (y * width + x) * 4);
  }
  return { width, height, data };
}

export const RED: Colour = [220, 20, 30, 255];
export const BLUE: Colour = [20, 40, 200, 255];

/** Left half red, right half blue. */
export const halves = (width: number, height: number) =>
  picture(width, height, (x) => (x < width / 2 ? RED : BLUE));

export function pngFile(image: Picture): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data);
  return new Uint8Array(PNG.sync.write(png));
}

export function jpegFile(image: Picture, quality = 90): Uint8Array {
  return new Uint8Array(jpeg.encode({ ...image, data: Buffer.from(image.data) }, quality).data);
}

export function webpFile(image: Picture, lossless = true): Promise<Uint8Array> {
  return encodeWebp(image, lossless);
}

/** The pixels of a PNG (what a stored icon holds). */
export function pixelsOf(png: Uint8Array): Picture {
  const image = PNG.sync.read(Buffer.from(png));
  return { width: image.width, height: image.height, data: new Uint8Array(image.data) };
}

/** The RGBA of one pixel. */
export function pixel(image: Picture, x: number, y: number): number[] {
  const at = (y * image.width + x) * 4;
  return [...image.data.subarray(at, at + 4)];
}

/** A 24×24 SVG (the usual icon-pack size): a square of `fill` over the whole view. */
export function squareSvg(fill = '#dc141e', extra = ''): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 24 24" width="24" height="24"><rect width="24" height="24" fill="${fill}"/>${extra}</svg>`;
}
