// The calls behind useImport, one per source: each ends in a preview from main, files refused before
// reaching it, and encrypted files waiting for their passwords.
import type { ImportPreview, ImportProblem } from '../../../shared/import';
import type { FileImportResult } from '../../../shared/transfer';
import { call, errorCodeOf, type ApiErrorCode } from '../../api/api';
import { MAX_IMPORT_FILE_BYTES, splitDropped } from './model/dropped-files';
import { imagePayloads } from './model/image-payload';

export type ImportRequest =
  | { kind: 'screen' }
  | { kind: 'files' }
  | { kind: 'clipboard' }
  | { kind: 'images'; files: File[] }
  | { kind: 'text'; text: string }
  /** The open dialog for a backup or another app's export. */
  | { kind: 'file' }
  /** Dropped on the window: images are scanned, other files read as backups or exports. */
  | { kind: 'dropped'; files: File[] };

/** An encrypted file held in main until its password comes. */
export type LockedFile = Extract<FileImportResult, { status: 'password' }>;

export interface Scanned {
  preview: ImportPreview | null;
  refused: ImportProblem[];
  locked: LockedFile[];
}

/** The file's bytes as base64, as the contract carries them. */
function readBase64(file: File): Promise<string> {
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

/** Errors that end the whole import rather than one file's part in it. */
const ENDS_IMPORT: ApiErrorCode[] = ['VAULT_LOCKED', 'IMPORT_EXPIRED', 'UNKNOWN'];

/** Files that are not images, each sent to main on its own; one file's failure is that file's problem. */
async function readFiles(
  files: File[],
  found: Scanned,
  into: string | undefined,
): Promise<Scanned> {
  let { preview } = found;
  const refused = [...found.refused];
  const locked = [...found.locked];
  for (const [i, file] of files.entries()) {
    const name = file.name || `file ${i + 1}`;
    if (file.size > MAX_IMPORT_FILE_BYTES) {
      refused.push({ source: name, code: 'FILE_TOO_LARGE', message: 'Over 20 MB.' });
      continue;
    }
    try {
      const id = preview?.id ?? into;
      const base64 = await readBase64(file);
      const result = await call(
        'importFileBytes',
        id ? { name, base64, into: id } : { name, base64 },
      );
      if (result.status === 'preview') preview = result.preview;
      else locked.push(result);
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'UNKNOWN' || ENDS_IMPORT.includes(code)) throw error;
      refused.push({ source: name, code, message: error instanceof Error ? error.message : '' });
    }
  }
  return { preview, refused, locked };
}

export async function scan(request: ImportRequest, into: string | undefined): Promise<Scanned> {
  const base = into ? { into } : {};
  const none = { refused: [], locked: [] };
  switch (request.kind) {
    case 'screen':
      return { preview: await call('captureScreen', base), ...none };
    case 'files':
      return { preview: await call('pickImageFiles', base), ...none };
    case 'clipboard':
      return { preview: await call('importClipboardImage', base), ...none };
    case 'text':
      return { preview: await call('importText', { ...base, text: request.text }), ...none };
    case 'file': {
      const result = await call('openImportFile', base);
      if (result === null) return { preview: null, ...none };
      if (result.status === 'preview') return { preview: result.preview, ...none };
      return { preview: null, refused: [], locked: [result] };
    }
    case 'dropped': {
      const { images, others } = splitDropped(request.files);
      const found =
        images.length > 0
          ? await scan({ kind: 'images', files: images }, into)
          : { preview: null, ...none };
      return readFiles(others, found, into);
    }
    case 'images': {
      const { calls, refused } = await imagePayloads(request.files, readBase64);
      let preview = null as ImportPreview | null;
      for (const images of calls) {
        const id: string | undefined = preview?.id ?? into;
        preview = await call('importImages', id ? { images, into: id } : { images });
      }
      return { preview, refused, locked: [] };
    }
  }
}
