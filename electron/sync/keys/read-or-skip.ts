// Reading another device's key file: one that cannot be read now (not whole yet, too large) is
// tried again next round; only a folder that cannot be reached stops the caller.
import { AuthdeskError } from '../../../shared/errors';
import type { ListedFile, SyncFolder } from '../folder/sync-folder';

/** The file whole, or null when it is not readable now. SYNC_FOLDER_UNREACHABLE is thrown. */
export async function readOrSkip(folder: SyncFolder, file: ListedFile): Promise<Buffer | null> {
  try {
    return await folder.read(file);
  } catch (error) {
    if (error instanceof AuthdeskError && error.code === 'SYNC_FOLDER_UNREACHABLE') throw error;
    return null;
  }
}
