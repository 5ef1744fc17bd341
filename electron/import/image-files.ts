// Reads an image file the user chose, checking its size before reading it (a 4 GB file is refused unread).
import { AuthdeskError } from '../../shared/errors';
import { IMAGE_LIMITS } from '../qr/decode';
import { readFileWithin } from './read-file';

export const MAX_IMAGE_BYTES = IMAGE_LIMITS.maxBytes;

export function tooLarge(size: number): AuthdeskError {
  const mb = Math.round(size / (1024 * 1024));
  return new AuthdeskError('IMAGE_TOO_LARGE', `This image is ${mb} MB; the limit is 50 MB.`);
}

export function readImageFile(path: string): Promise<Uint8Array> {
  return readFileWithin(path, MAX_IMAGE_BYTES, {
    unreadable: (message, cause) => new AuthdeskError('IMAGE_UNREADABLE', message, { cause }),
    tooLarge,
  });
}
