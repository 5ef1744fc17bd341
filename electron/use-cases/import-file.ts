// Open an import file (read within its size limit, recognise it, check a backup's shape before any
// password), read it with its password, and judge what it holds against the vault: what a merge
// adds, and why it leaves the rest out. `authdesk import` and `authdesk scan --add` use it; the
// window opens files through FileImports, which recognises and reads them with the same functions.
import path from 'node:path';
import type { Account, AccountInput } from '../../shared/account';
import { AuthdeskError } from '../../shared/errors';
import { IMPORT_FILE_MAX_BYTES } from '../../shared/ipc';
import type { ImportFormatId } from '../../shared/transfer';
import { readFoundFile, recogniseImportFile, tooLargeFile } from '../import/file-imports';
import type { Found } from '../import/found';
import { sourceName } from '../import/image-sources';
import { readFileWithin } from '../import/read-file';
import { isDuplicate } from '../vault/account-input';
import type { Vault } from '../vault/vault';

export interface OpenedImport {
  /** The file's name as problems and messages show it. */
  name: string;
  format: ImportFormatId;
  /** Whether reading it needs a password (every Authdesk backup does). */
  needsPassword: boolean;
  /** CANCELLED when `signal` went before or while a key was derived. */
  read(password: string | undefined, signal?: AbortSignal): Promise<Found>;
}

/** Reads and recognises the file; an unknown or damaged one is refused before any password. */
export async function openImportFile(file: string): Promise<OpenedImport> {
  const name = sourceName(file, 'file');
  const bytes = await readFileWithin(path.resolve(file), IMPORT_FILE_MAX_BYTES, {
    unreadable: (message, cause) =>
      new AuthdeskError('IO_ERROR', `Cannot read ${file}: ${reason(cause) ?? message}`, { cause }),
    tooLarge: tooLargeFile,
  });
  const { format, needsPassword } = await recogniseImportFile(name, bytes);
  return {
    name,
    format,
    needsPassword,
    read: (password, signal) => readFoundFile(name, bytes, format, password, signal),
  };
}

/** Why a merge leaves an account out. */
export type SkipReason = 'already in the vault' | 'twice in the file';

export interface MergeEntry {
  input: AccountInput;
  /** null: the merge adds it. */
  duplicate: SkipReason | null;
}

/** Each account judged against the vault as it is now and against the ones before it. */
export function judgeMerge(existing: readonly Account[], inputs: AccountInput[]): MergeEntry[] {
  const kept: AccountInput[] = [];
  return inputs.map((input): MergeEntry => {
    if (existing.some((account) => isDuplicate(input, account))) {
      return { input, duplicate: 'already in the vault' };
    }
    if (kept.some((earlier) => isDuplicate(input, earlier))) {
      return { input, duplicate: 'twice in the file' };
    }
    kept.push(input);
    return { input, duplicate: null };
  });
}

/**
 * Adds the entries judged new in one write. Another process may have added some of them since
 * they were judged: those are skipped too, and named.
 */
export async function merge(
  vault: Vault,
  entries: MergeEntry[],
): Promise<{ added: Account[]; skipped: { input: AccountInput; reason: SkipReason }[] }> {
  const fresh = entries.filter((e) => e.duplicate === null).map((e) => e.input);
  const skipped = entries.flatMap(({ input, duplicate }) =>
    duplicate === null ? [] : [{ input, reason: duplicate }],
  );
  if (fresh.length === 0) return { added: [], skipped };
  const result = await vault.addMany(fresh, { skipDuplicates: true });
  const late = result.skipped.map((input) => ({ input, reason: 'already in the vault' as const }));
  return { added: result.added, skipped: [...skipped, ...late] };
}

/** An errno-style failure in a few words ("there is no such file."). */
function reason(cause: unknown): string | undefined {
  const code = (cause as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'there is no such file.';
  if (code === 'EACCES' || code === 'EPERM') return 'no permission to read it.';
  if (code === 'EISDIR') return 'it is a folder, not a file.';
  return undefined;
}
