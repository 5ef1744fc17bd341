// Chromium hands out bitmaps in BGRA byte order (Skia's N32 on every desktop platform); the decoder reads RGBA.

/** Swaps the red and blue bytes of every pixel, in place, and returns the same array. */
export function bgraToRgba(pixels: Uint8Array): Uint8Array {
  for (let i = 0; i + 3 < pixels.length; i += 4) {
    const blue = pixels[i]!;
    pixels[i] = pixels[i + 2]!;
    pixels[i + 2] = blue;
  }
  return pixels;
}
