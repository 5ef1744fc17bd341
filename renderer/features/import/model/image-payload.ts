// Dropped or pasted images made ready for main: base64, at most 20 per call, anything over 50 MB refused
// here. The bytes are read by the caller's `read` (FileReader in the window).
import type { ImportProblem } from '../../../../shared/import';

/** The contract's limits (shared/ipc.ts): main refuses larger calls outright. */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;
export const MAX_IMAGES_PER_CALL = 20;

export interface ImagePayload {
  name: string;
  base64: string;
}

export async function imagePayloads(
  files: readonly File[],
  read: (file: File) => Promise<string>,
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
      payloads.push({ name, base64: await read(file) });
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
