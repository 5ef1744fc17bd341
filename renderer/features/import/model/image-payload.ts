// Dropped or pasted files made ready for main: base64, at most 20 per call, anything over 50 MB refused here.
import type { ImportProblem } from '../../../../shared/import';

/** The contract's limits (shared/ipc.ts): main refuses larger calls outright. */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;
export const MAX_IMAGES_PER_CALL = 20;

export interface ImagePayload {
  name: string;
  base64: string;
}

/** The file's bytes as base64, as the contract carries them. */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

export async function imagePayloads(
  files: readonly File[],
): Promise<{ calls: ImagePayload[][]; refused: ImportProblem[] }> {
  const refused: ImportProblem[] = [];
  const payloads: ImagePayload[] = [];
  for (const [i, file] of files.entries()) {
    const name = file.name || `image ${i + 1}`;
    if (file.size > MAX_IMAGE_BYTES) {
      refused.push({ source: name, code: 'IMAGE_TOO_LARGE', message: 'Over 50 MB.' });
      continue;
    }
    try {
      payloads.push({ name, base64: await readBase64(file) });
    } catch {
      refused.push({
        source: name,
        code: 'IMAGE_UNREADABLE',
        message: 'The file could not be read.',
      });
    }
  }
  const calls: ImagePayload[][] = [];
  for (let i = 0; i < payloads.length; i += MAX_IMAGES_PER_CALL) {
    calls.push(payloads.slice(i, i + MAX_IMAGES_PER_CALL));
  }
  return { calls, refused };
}
