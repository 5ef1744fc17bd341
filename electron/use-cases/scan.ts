// Scan images → found accounts: read an image file (size checked first), decode every QR code in
// it, and turn each code into accounts or an explained problem by the one rule of import/found.ts
// (a code that is not a setup code is named by its kind only, never printed whole).
import { AuthdeskError, isAuthdeskError, type ErrorInfo } from '../../shared/errors';
import { binaryLength, fromQrCodes, type Found } from '../import/found';
import type { QrCode } from '../qr/decode';
import { readImageFile } from '../import/image-files';

export interface ScannedCode {
  /**
   * The decoded text: it may hold a secret, so a door shows it only when asked to. Absent for a
   * code of binary bytes (not text): those are never shown, only counted in binaryBytes.
   */
  text?: string;
  /** Set when the code held bytes that are not text: how many. */
  binaryBytes?: number;
  found: Found;
}

export interface ScannedImage {
  file: string;
  codes: ScannedCode[];
  /** The image could not be read, was too large, or held no QR code. */
  error?: ErrorInfo;
}

export async function scanImageFile(
  file: string,
  source: string,
  decode: (bytes: Uint8Array) => Promise<QrCode[]>,
): Promise<ScannedImage> {
  try {
    const codes = await decode(await readImageFile(file));
    if (codes.length === 0) {
      throw new AuthdeskError(
        'QR_NOT_FOUND',
        'No QR code was found in this image. Zoom in so the code is bigger, then take the screenshot again.',
      );
    }
    return {
      file,
      codes: codes.map((code) => {
        const found = fromQrCodes([code], source);
        const binaryBytes = binaryLength(code);
        return binaryBytes === undefined ? { text: code.text, found } : { binaryBytes, found };
      }),
    };
  } catch (error) {
    if (!isAuthdeskError(error)) throw error;
    return { file, codes: [], error: error.toInfo() };
  }
}
