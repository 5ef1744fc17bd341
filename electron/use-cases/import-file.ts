// Open an import file (read within its size limit, recognise it, check a backup's shape before any
// password), read it with its password, and judge what it holds against the vault: what a merge
// adds, and why it leaves the rest out. `authdesk import` and `authdesk scan --add` use it; the
// window opens files through FileImports, which recognises and reads them with the same functions.
import path from 'node:path';
import { displayName, type Account, type AccountInput } from '../../shared/account';
import { judgeEntries, type Verdict } from '../../shared/duplicate-rule';
import { AuthdeskError } from '../../shared/errors';
import { IMPORT_FILE_MAX_BYTES } from '../../shared/ipc';
import type { ImportFormatId } from '../../shared/transfer';
import { readFoundFile, recogniseImportFile, tooLargeFile } from '../import/file-imports';
import type { Found } from '../import/found';
import { sourceName } from '../import/image-sources';
import { readFileWithin } from '../import/read-file';
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
export type SkipReason = 'already in the vault' | 'twice in the file' | 'added meanwhile';

export interface MergeEntry {
  input: AccountInput;
  /** What the duplicate rule says (shared/duplicate-rule.ts): new, in the vault as …, a repeat of … */
  verdict: Verdict<Account>;
  /** Whether a merge adds it: new ones, and with allowDuplicate those already in the vault too. */
  adds: boolean;
}

export interface SkippedEntry {
  input: AccountInput;
  reason: SkipReason;
  /** The vault's account with the same credential ('already in the vault', 'added meanwhile'). */
  existing?: string;
  /** 1-based: the entry this one repeats exactly ('twice in the file'). */
  repeatOf?: number;
}

export interface MergeOutcome {
  added: Account[];
  /** The entry each added account came from, in the same order (what the rule said about it). */
  addedFrom: MergeEntry[];
  /** Every entry not added, in the order of the entries, each with its reason. */
  skipped: SkippedEntry[];
}

/**
 * Each account judged against the vault as it is now and against the ones before it, by the one
 * duplicate rule; with allowDuplicate, accounts already in the vault are added all the same (exact
 * repeats inside the batch are still one account).
 */
export function judgeMerge(
  existing: readonly Account[],
  inputs: readonly AccountInput[],
  options: { allowDuplicate?: boolean } = {},
): MergeEntry[] {
  const verdicts = judgeEntries(existing, inputs);
  return inputs.map((input, index) => {
    const verdict = verdicts[index]!;
    const adds =
      verdict.kind === 'new' || (verdict.kind === 'in-vault' && options.allowDuplicate === true);
    return { input, verdict, adds };
  });
}

/** Why the entry is left out as judged (null: it is added). */
export function skippedAsJudged(entry: MergeEntry): SkippedEntry | null {
  const { input, verdict } = entry;
  if (entry.adds || verdict.kind === 'new') return null;
  return verdict.kind === 'in-vault'
    ? { input, reason: 'already in the vault', existing: displayName(verdict.account) }
    : { input, reason: 'twice in the file', repeatOf: verdict.of + 1 };
}

/**
 * Adds the entries judged to be added, in one write. Another process may have added some of them
 * since they were judged: those are skipped too (unless allowDuplicate), and named, so every entry
 * is either added or in `skipped` with its reason.
 */
export async function merge(
  vault: Vault,
  entries: readonly MergeEntry[],
  options: { allowDuplicate?: boolean; pictures?: ReadonlyMap<string, Uint8Array> } = {},
): Promise<MergeOutcome> {
  // Where each entry to add stands in `entries`, to name what the vault's own re-check left out.
  const adding = entries.flatMap((entry, at) => (entry.adds ? [at] : []));
  const late = new Map<number, SkippedEntry>();
  let added: Account[] = [];
  if (adding.length > 0) {
    const result = await vault.addMany(
      adding.map((at) => entries[at]!.input),
      // The icon pictures the file held (Found.pictures) go with the accounts that name them.
      { skipDuplicates: options.allowDuplicate !== true, pictures: options.pictures },
    );
    added = result.added;
    for (const { index, verdict } of result.skipped) {
      const at = adding[index]!;
      const input = entries[at]!.input;
      late.set(
        at,
        verdict.kind === 'in-vault'
          ? { input, reason: 'added meanwhile', existing: displayName(verdict.account) }
          : { input, reason: 'twice in the file', repeatOf: adding[verdict.of]! + 1 },
      );
    }
  }
  const skipped = entries.flatMap((entry, at) => {
    const why = entry.adds ? late.get(at) : skippedAsJudged(entry);
    return why ? [why] : [];
  });
  const addedFrom = adding.filter((at) => !late.has(at)).map((at) => entries[at]!);
  return { added, addedFrom, skipped };
}

/** An errno-style failure in a few words ("there is no such file."). */
function reason(cause: unknown): string | undefined {
  const code = (cause as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'there is no such file.';
  if (code === 'EACCES' || code === 'EPERM') return 'no permission to read it.';
  if (code === 'EISDIR') return 'it is a folder, not a file.';
  return undefined;
}
