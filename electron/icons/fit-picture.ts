// Resizes pictures for icons: an area-average (box) filter over premultiplied alpha, so a downscale
// keeps every source pixel's share (no aliasing, no dark fringes around transparent edges).
import type { Rgba } from './raster-decode';

/** The size that fits inside max×max keeping the aspect; never larger than the picture itself. */
export function fitInside(
  width: number,
  height: number,
  max: number,
): { width: number; height: number } {
  const scale = Math.min(1, max / width, max / height);
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/**
 * For each output index, the source indexes it covers and by how much: output o spans
 * [o·from/to, (o+1)·from/to) in source pixels. Enlarging makes spans under a pixel (nearest neighbour).
 */
function spans(from: number, to: number): { first: Int32Array; weights: Float64Array[] } {
  const first = new Int32Array(to);
  const weights: Float64Array[] = [];
  const step = from / to;
  for (let o = 0; o < to; o++) {
    const start = o * step;
    const end = Math.min(from, (o + 1) * step);
    const i0 = Math.floor(start);
    const i1 = Math.min(from, Math.ceil(end));
    const w = new Float64Array(Math.max(1, i1 - i0));
    for (let i = i0; i < i1; i++) w[i - i0] = Math.min(end, i + 1) - Math.max(start, i);
    first[o] = i0;
    weights.push(w);
  }
  return { first, weights };
}

/** `image` resized to width×height by averaging the area each output pixel covers. */
export function resize(image: Rgba, width: number, height: number): Rgba {
  const { width: sw, height: sh, data } = image;
  // Across first: each source row becomes `width` premultiplied sums.
  const across = spans(sw, width);
  const rows = new Float64Array(width * sh * 4);
  for (let y = 0; y < sh; y++) {
    const src = y * sw * 4;
    const dst = y * width * 4;
    for (let x = 0; x < width; x++) {
      const w = across.weights[x]!;
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      let total = 0;
      let at = src + across.first[x]! * 4;
      for (let k = 0; k < w.length; k++, at += 4) {
        const weight = w[k]!;
        const alpha = data[at + 3]! * weight;
        r += data[at]! * alpha;
        g += data[at + 1]! * alpha;
        b += data[at + 2]! * alpha;
        a += alpha;
        total += weight;
      }
      const o = dst + x * 4;
      rows[o] = r / total;
      rows[o + 1] = g / total;
      rows[o + 2] = b / total;
      rows[o + 3] = a / total;
    }
  }
  // Then down: each output column averages the rows it covers, and the colour is un-premultiplied.
  const down = spans(sh, height);
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const w = down.weights[y]!;
    const first = down.first[y]!;
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      let total = 0;
      for (let k = 0; k < w.length; k++) {
        const weight = w[k]!;
        const at = ((first + k) * width + x) * 4;
        r += rows[at]! * weight;
        g += rows[at + 1]! * weight;
        b += rows[at + 2]! * weight;
        a += rows[at + 3]! * weight;
        total += weight;
      }
      const o = (y * width + x) * 4;
      const alpha = a / total;
      if (a > 0) {
        out[o] = clampByte(r / a);
        out[o + 1] = clampByte(g / a);
        out[o + 2] = clampByte(b / a);
      }
      out[o + 3] = clampByte(alpha);
    }
  }
  return { width, height, data: out };
}

const clampByte = (value: number) => Math.min(255, Math.max(0, Math.round(value)));

/** Fitted inside max×max keeping the aspect (never enlarged); the picture itself when it fits. */
export function fitPicture(image: Rgba, max: number): Rgba {
  const size = fitInside(image.width, image.height, max);
  if (size.width === image.width && size.height === image.height) return image;
  return resize(image, size.width, size.height);
}

/**
 * The picture fitted inside size×size (enlarged or reduced, aspect kept) and centred on a
 * transparent square: menu icons are square, and a wide logo must not be stretched.
 */
export function squareIcon(image: Rgba, size: number): Rgba {
  const scale = Math.min(size / image.width, size / image.height);
  const width = Math.max(1, Math.min(size, Math.round(image.width * scale)));
  const height = Math.max(1, Math.min(size, Math.round(image.height * scale)));
  const fitted =
    width === image.width && height === image.height ? image : resize(image, width, height);
  if (width === size && height === size) return fitted;
  const out = new Uint8Array(size * size * 4);
  const left = Math.floor((size - width) / 2);
  const top = Math.floor((size - height) / 2);
  for (let y = 0; y < height; y++) {
    out.set(
      fitted.data.subarray(y * width * 4, (y + 1) * width * 4),
      ((top + y) * size + left) * 4,
    );
  }
  return { width: size, height: size, data: out };
}
