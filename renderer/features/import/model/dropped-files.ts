// Dropped files sorted by what reads them: images go to the QR decoder; anything else is a file to
// import (an Authdesk backup, another app's export, a list of otpauth:// links).

/** The contract's limit for one import file (shared/ipc.ts IMPORT_FILE_MAX_BYTES; main checks again). */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;

const IMAGE_NAME = /\.(png|jpe?g|gif|webp|bmp|avif)$/i;

/** The browser names the type of most images; a few arrive without one, so the name decides then. */
function isImageFile(file: File): boolean {
  return file.type.startsWith('image/') || (file.type === '' && IMAGE_NAME.test(file.name));
}

export function splitDropped(files: readonly File[]): { images: File[]; others: File[] } {
  const images: File[] = [];
  const others: File[] = [];
  for (const file of files) (isImageFile(file) ? images : others).push(file);
  return { images, others };
}
