// Turns a failed file-system call into an IO_ERROR whose message names the problem in plain words.
import { dirname } from 'node:path';
import { AuthdeskError, isAuthdeskError } from '../../shared/errors';

export type IoAction = 'read' | 'save' | 'lock';

export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `what` is the noun the user knows: "vault", "backup". */
export function toIoError(
  error: unknown,
  action: IoAction,
  path: string,
  what: string,
): AuthdeskError {
  if (isAuthdeskError(error)) return error;
  const code = errnoCode(error);
  const folder = dirname(path);
  // The file the call failed on (e.g. the temp file beside the vault), when the error says.
  const failedPath = (error as { path?: unknown } | null)?.path;
  const where = typeof failedPath === 'string' ? failedPath : path;
  const message = ((): string => {
    switch (code) {
      case 'ENOSPC':
      case 'EDQUOT':
        return `Not enough disk space to save the ${what} in ${folder}.`;
      case 'EACCES':
      case 'EPERM':
        return action === 'read'
          ? `No permission to read the ${what} at ${path}.`
          : `No permission to write in ${folder}, so the ${what} cannot be ${action === 'lock' ? 'locked' : 'saved'}.`;
      case 'EROFS':
        return `Cannot ${action} the ${what}: ${folder} is on a read-only disk.`;
      case 'EISDIR':
        return `Cannot ${action} the ${what}: a folder is in the way (${where}).`;
      case 'ENOTDIR':
        return `Cannot ${action} the ${what}: part of the path ${where} is a file, not a folder.`;
      case 'EBUSY':
      case 'ETXTBSY':
        return `Cannot ${action} the ${what}: another program is using ${where}.`;
      case 'EMFILE':
      case 'ENFILE':
        return `Cannot ${action} the ${what}: too many files are open.`;
      case 'EIO':
        return `Cannot ${action} the ${what}: the disk reported an error at ${where}.`;
      default: {
        const detail = error instanceof Error ? error.message : String(error);
        return `Cannot ${action} the ${what} at ${path} (${detail}).`;
      }
    }
  })();
  return new AuthdeskError('IO_ERROR', message, { cause: error });
}
