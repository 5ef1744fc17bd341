// Images for the import tests: real QR PNGs from the qrcode package, a PNG with no code, and a
// screen-sized bitmap holding several codes, as a screen capture would return it.
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import type { RgbaImage } from '../../electron/qr/decode';

export async function qrPng(text: string): Promise<Uint8Array> {
  return new Uint8Array(await QRCode.toBuffer(text, { margin: 4, scale: 4 }));
}

export function rgbaOfPng(png: Uint8Array): RgbaImage {
  const image = PNG.sync.read(Buffer.from(png));
  return { width: image.width, height: image.height, data: new Uint8Array(image.data) };
}

function pngOf(image: RgbaImage): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data);
  return new Uint8Array(PNG.sync.write(png));
}

/** A light page with a few grey blocks (text-like) and no code. */
export function blankPng(width = 320, height = 200): Uint8Array {
  const data = new Uint8Array(width * height * 4).fill(245);
  for (let y = 40; y < 60; y++) {
    for (let x = 30; x < 250; x++) data.fill(120, (y * width + x) * 4, (y * width + x) * 4 + 3);
  }
  return pngOf({ width, height, data });
}

/** A white screen with the codes side by side, like a console page showing them. */
export async function screenWith(texts: string[], width = 1280, height = 800): Promise<RgbaImage> {
  const data = new Uint8Array(width * height * 4).fill(255);
  let left = 40;
  for (const text of texts) {
    const code = rgbaOfPng(await qrPng(text));
    for (let y = 0; y < code.height && 60 + y < height; y++) {
      const row = code.data.subarray(y * code.width * 4, (y + 1) * code.width * 4);
      data.set(
        row.subarray(0, Math.max(0, Math.min(row.length, (width - left) * 4))),
        ((60 + y) * width + left) * 4,
      );
    }
    left += code.width + 40;
  }
  return { width, height, data };
}

export { pngOf };
