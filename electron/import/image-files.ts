// Reads an image file the user chose, checking its size before reading it (a 4 GB file is refused unread).
import { open } from 'node:fs/promises';
import { AuthdeskError } from '../../shared/errors';
import { IMAGE_LIMITS } from '../qr/decode';

export const MAX_IMAGE_BYTES = IMAGE_LIMITS.maxBytes;

export function tooLarge(size: number): AuthdeskError {
  const mb = Math.round(size / (1024 * 1024));
  return new AuthdeskError('IMAGE_TOO_LARGE', `This image is ${mb} MB; the limit is 50 MB.`);
}

export async function readImageFile(path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new AuthdeskError('IMAGE_UNREADABLE', 'This file could not be opened.', { cause: error });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new AuthdeskError('IMAGE_UNREADABLE', 'This is not a file.');
    if (info.size > MAX_IMAGE_BYTES) throw tooLarge(info.size);
    // Read through the handle that was measured, and never past the limit if the file grows.
    const bytes = new Uint8Array(info.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  } catch (error) {
    if (error instanceof AuthdeskError) throw error;
    throw new AuthdeskError('IMAGE_UNREADABLE', 'This file could not be read.', { cause: error });
  } finally {
    await handle.close();
  }
}
