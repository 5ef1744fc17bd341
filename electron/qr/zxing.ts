// ZXing's QR reader (zxing-wasm, reader build) with its wasm read from the installed package file.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  prepareZXingModule,
  purgeZXingModule,
  readBarcodes,
  type ReaderOptions,
} from 'zxing-wasm/reader';
import { AuthdeskError } from '../../shared/errors';
import { outsideAsar } from './outside-asar';

/** Pixels in RGBA (or BGRA: the luma weights barely differ for black, white and grays) order. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** What one QR code holds: zxing's text, the raw bytes it was read from, and whether they are text. */
export interface QrCode {
  /** zxing's reading of the bytes (control characters shown as <NUL>, <ESC>…: safe to print). */
  text: string;
  /** The code's content as stored, before any character set conversion. */
  bytes: Uint8Array;
  /**
   * zxing read the bytes as text in a character set: one an ECI declares, Kanji mode, or ISO-8859-1
   * or Shift_JIS that the bytes are valid in (ISO 18004's default for byte mode is ISO-8859-1).
   * False for bytes it could only read as binary (control characters, invalid in every set).
   */
  textual: boolean;
}

export interface FoundCode extends QrCode {
  /** Axis-aligned bounds of the code in image pixels. */
  left: number;
  top: number;
  right: number;
  bottom: number;
}

// Measured on the corpus (bench/qr.ts): without tryHarder 2 px modules and multi-code pages lose
// codes; tryInvert finds dark-mode codes; the downscaled pass (5–10% slower) is what finds large
// blurred codes (the large-blurred-4k case); tryRotate changes nothing for QR codes, whose
// detector is rotation-invariant, so it is off.
const OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryInvert: true,
  tryRotate: false,
  tryDownscale: true,
  maxNumberOfSymbols: 255,
};

let loading: Promise<unknown> | undefined;

/**
 * zxing's .wasm as the module at `moduleUrl` finds it through the package's exports: from the sources,
 * the Vite bundles, and in a packaged app in app.asar.unpacked (electron-builder.yml asarUnpack),
 * looked up from the unpacked twin of the module so that the path is outside the archive.
 */
export function zxingWasmFile(moduleUrl: string): string {
  return outsideAsar(
    createRequire(outsideAsar(moduleUrl)).resolve('zxing-wasm/reader/zxing_reader.wasm'),
  );
}

/**
 * Instantiates the wasm once per thread. Without `wasmBinary`, zxing-wasm fetches the file from a
 * CDN; we read the installed file instead (zxingWasmFile).
 */
function loadReader(): Promise<unknown> {
  loading ??= (async () => {
    const file = zxingWasmFile(import.meta.url);
    const bytes = readFileSync(file);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Every valid QR code in an encoded PNG/JPEG (decoded by stb_image inside the wasm) or in pixels. */
export async function findQrCodes(input: Uint8Array | Pixels): Promise<FoundCode[]> {
  await loadReader();
  // The typings ask for a DOM ImageData; zxing-wasm only reads width, height and data from it.
  let results: Awaited<ReturnType<typeof readBarcodes>>;
  try {
    results = await readBarcodes(input as Parameters<typeof readBarcodes>[0], OPTIONS);
  } catch (error) {
    // A wasm abort (out of memory, say) leaves the instance unusable: start afresh next time.
    purgeZXingModule();
    loading = undefined;
    throw error;
  }
  if (results.some((r) => r.error.startsWith('Failed to load image'))) {
    throw new AuthdeskError(
      'IMAGE_UNREADABLE',
      'This image could not be decoded; it may be damaged.',
    );
  }
  return results
    .filter((r) => r.isValid)
    .map((r) => {
      const { topLeft, topRight, bottomRight, bottomLeft } = r.position;
      const xs = [topLeft.x, topRight.x, bottomRight.x, bottomLeft.x];
      const ys = [topLeft.y, topRight.y, bottomRight.y, bottomLeft.y];
      const [left, right] = [Math.min(...xs), Math.max(...xs)];
      const [top, bottom] = [Math.min(...ys), Math.max(...ys)];
      return {
        text: r.text,
        bytes: r.bytes,
        textual: r.contentType === 'Text',
        left,
        top,
        right,
        bottom,
      };
    });
}
