// Flattens transparent pixels onto a solid background, so codes drawn on "nothing" become visible.
import type { Pixels } from './zxing';

export function hasTransparency(image: Pixels): boolean {
  const { data } = image;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return true;
  return false;
}

/**
 * Composites onto white (0 = black) into a new buffer. Transparent pixels usually hold black
 * underneath, which the decoder would read as one black field around a black code.
 */
export function flatten(image: Pixels, background: 0 | 255): Pixels {
  const { data } = image;
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3]!;
    const under = background * (255 - a);
    out[i] = (data[i]! * a + under + 127) / 255;
    out[i + 1] = (data[i + 1]! * a + under + 127) / 255;
    out[i + 2] = (data[i + 2]! * a + under + 127) / 255;
    out[i + 3] = 255;
  }
  return { width: image.width, height: image.height, data: out };
}
