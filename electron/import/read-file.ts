// Reads a file the user chose, checking its size first: a 4 GB file is refused unread.
import { open } from 'node:fs/promises';
import { AuthdeskError } from '../../shared/errors';

/** The typed errors a caller wants for its kind of file (an image, a backup). */
export interface ReadFailures {
  unreadable(message: string, cause?: unknown): AuthdeskError;
  tooLarge(size: number): AuthdeskError;
}

export async function readFileWithin(
  path: string,
  maxBytes: number,
  fail: ReadFailures,
): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw fail.unreadable('This file could not be opened.', error);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw fail.unreadable('This is not a file.');
    if (info.size > maxBytes) throw fail.tooLarge(info.size);
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
    throw fail.unreadable('This file could not be read.', error);
  } finally {
    await handle.close();
  }
}
