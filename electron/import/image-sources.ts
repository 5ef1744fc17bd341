// Finds the OTP codes in every kind of image the user can hand over: dropped or pasted bytes, chosen
// files, the clipboard and the screen. Each image's failure is a problem of that image, not of the scan.
import { basename } from 'node:path';
import { AuthdeskError } from '../../shared/errors';
import { MAX_IMAGE_BYTES, readImageFile, tooLarge } from './image-files';
import type { ImportPorts } from '../ports';
import { combine, fromQrCodes, fromText, problemFrom, type Found } from './found';

/** Images decoded at once; the decoder has its own workers, this bounds the bytes held in memory. */
const CONCURRENCY = 4;

async function mapLimit<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

/** A name safe to show: no control characters, and something rather than nothing. */
export function sourceName(name: string, fallback: string): string {
  const clean = basename(name.replace(/\\/g, '/'))
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .trim();
  return clean === '' ? fallback : clean.slice(0, 120);
}

export class ImageSources {
  constructor(
    private readonly ports: Omit<ImportPorts, 'dialogs'> & {
      readClipboardText: () => Promise<string>;
    },
  ) {}

  private async decode(source: string, bytes: () => Promise<Uint8Array>): Promise<Found> {
    try {
      return fromQrCodes(await this.ports.decoder.decodeBytes(await bytes()), source);
    } catch (error) {
      return problemFrom(error, source);
    }
  }

  /** Images the renderer sent (dropped or pasted files). */
  async fromBase64(images: readonly { name: string; base64: string }[]): Promise<Found> {
    const found = await mapLimit(
      images.map((image, i) => ({ ...image, source: sourceName(image.name, `image ${i + 1}`) })),
      ({ source, base64 }) =>
        this.decode(source, async () => {
          // Base64 holds 3 bytes in 4 characters; refuse before allocating.
          if (base64.length * 0.75 > MAX_IMAGE_BYTES + 2) throw tooLarge(base64.length * 0.75);
          return Buffer.from(base64, 'base64');
        }),
    );
    return combine(found);
  }

  async fromFiles(paths: readonly string[]): Promise<Found> {
    const found = await mapLimit(paths, (path) =>
      this.decode(sourceName(path, 'image'), () => readImageFile(path)),
    );
    return combine(found);
  }

  /** Null when the user closed the dialog without choosing. */
  async pickFiles(): Promise<Found | null> {
    const paths = await this.ports.filePicker.pickImages();
    return paths === null || paths.length === 0 ? null : this.fromFiles(paths);
  }

  /** The clipboard's image; without one, a setup link copied as text. */
  async fromClipboard(): Promise<Found> {
    const source = 'clipboard';
    const image = await this.ports.imageClipboard.readImage();
    if (image) return this.decode(source, async () => image);
    const text = (await this.ports.readClipboardText()).trim();
    if (/^(?:otpauth(?:-migration)?|lpaauth-migration):/i.test(text)) return fromText(text, source);
    return problemFrom(
      new AuthdeskError('QR_NOT_FOUND', 'The clipboard holds no image and no setup link.'),
      source,
    );
  }

  /**
   * Every display; a code on any of them is enough, so "no code" is said once for the screen. A
   * refusal by the OS (SCREEN_CAPTURE_DENIED) fails the whole call: nothing was scanned.
   */
  async fromScreen(): Promise<Found> {
    const source = 'screen';
    const displays = await this.ports.screenCapture.capture();
    const found = await mapLimit(displays, async (image) => {
      try {
        const codes = await this.ports.decoder.decodeRgba(image);
        return codes.length === 0 ? null : fromQrCodes(codes, source);
      } catch (error) {
        return problemFrom(error, source);
      }
    });
    const some = found.filter((f): f is Found => f !== null);
    if (some.length > 0) return combine(some);
    return problemFrom(
      new AuthdeskError('QR_NOT_FOUND', 'No QR code was found on the screen.'),
      source,
    );
  }
}
