// Draws QR codes (module matrices from the qrcode package) and finder-pattern decoys into rasters.
import QRCode from 'qrcode';
import { Raster, type Rgba, boxBlur, scaleBilinear } from './raster';

export interface QrStyle {
  /** Pixels per module before any zoom. */
  module: number;
  dark?: Rgba;
  light?: Rgba;
  /** Quiet zone in modules (the standard asks for 4). */
  quiet?: number;
  /** Browser zoom applied after drawing, e.g. 1.25, resampled bilinearly. */
  zoom?: number;
  /** 3×3 box-blur passes after the zoom. */
  blur?: number;
}

const BLACK: Rgba = [0, 0, 0, 255];
const WHITE: Rgba = [255, 255, 255, 255];

/** The code as its own raster, quiet zone included, at its final (zoomed, blurred) size. */
export function qrRaster(text: string, style: QrStyle): Raster {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = style.quiet ?? 4;
  const m = style.module;
  const out = new Raster((size + 2 * quiet) * m, (size + 2 * quiet) * m, style.light ?? WHITE);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (qr.modules.get(y, x))
        out.fillRect((x + quiet) * m, (y + quiet) * m, m, m, style.dark ?? BLACK);
    }
  }
  let result = style.zoom ? scaleBilinear(out, style.zoom) : out;
  if (style.blur) result = boxBlur(result, style.blur);
  return result;
}

/**
 * A square that looks like a QR finder pattern (7×7 modules: ring, gap, 3×3 core). Detectors
 * must not turn these, alone or in threes, into a code.
 */
export function drawFinderDecoy(
  r: Raster,
  x: number,
  y: number,
  module: number,
  dark = BLACK,
  light = WHITE,
): void {
  r.fillRect(x - module, y - module, 9 * module, 9 * module, light);
  r.fillRect(x, y, 7 * module, 7 * module, dark);
  r.fillRect(x + module, y + module, 5 * module, 5 * module, light);
  r.fillRect(x + 2 * module, y + 2 * module, 3 * module, 3 * module, dark);
}
