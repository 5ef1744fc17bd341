// `authdesk import FILE [--yes] [--replace] [--allow-duplicate] [--json]`: an Authdesk backup or
// another app's export, previewed account by account, then merged into the vault (accounts already
// there skipped and named) or put in its place (a copy is kept).
import { displayName, type Account, type AccountInput } from '../../../shared/account';
import { AuthdeskError, isAuthdeskError } from '../../../shared/errors';
import type { ImportProblem } from '../../../shared/import';
import { IMPORT_FORMAT_NAMES, type ImportFormatId } from '../../../shared/transfer';
import type { Found } from '../../import/found';
import {
  judgeMerge,
  merge,
  openImportFile,
  type MergeEntry,
  type SkippedEntry,
} from '../../use-cases/import-file';
import type { Vault } from '../../vault/vault';
import { accountLine } from '../account-line';
import { previewLines, skippedLine } from '../merge-preview';
import type { CliContext } from '../context';
import { openUnlocked } from '../context';
import { EXIT } from '../exit-codes';

export interface ImportOptions {
  yes: boolean;
  replace: boolean;
  json: boolean;
  /** Add accounts already in the vault (same credential) as well. */
  allowDuplicate?: boolean;
}

interface Outcome {
  added: Pick<Account, 'issuer' | 'label'>[];
  /** With a merge: the entry each added account came from (a note on a same name or a duplicate). */
  addedFrom?: MergeEntry[];
  skipped: SkippedEntry[];
  keptCopy?: string;
}

export async function importCommand(
  ctx: CliContext,
  file: string,
  opts: ImportOptions,
): Promise<number> {
  if (!opts.json) return importFile(ctx, file, opts);
  try {
    return await importFile(ctx, file, opts);
  } catch (error) {
    // With --json, standard output always carries one result, a failure too (the message is also
    // on standard error, and the exit code says which failure, as without --json).
    if (isAuthdeskError(error)) {
      ctx.out(JSON.stringify({ file, error: { code: error.code, message: error.message } }));
    }
    throw error;
  }
}

async function importFile(ctx: CliContext, file: string, opts: ImportOptions): Promise<number> {
  if (!opts.yes && !ctx.terminal.interactive) {
    throw new AuthdeskError(
      'INVALID_ARGUMENT',
      'There is no terminal to confirm the import; add --yes to import without asking.',
    );
  }
  // What the file is, before any password: an unknown file is refused without asking for one.
  const opened = await aboutTheFile(() => openImportFile(file));
  const { name, format } = opened;
  const vault = await openUnlocked(ctx);
  try {
    const password = opened.needsPassword
      ? await ctx.passwords.existing(
          format === 'authdesk-backup' ? 'Backup password' : `Password of ${name}`,
        )
      : undefined;
    const found = await aboutTheFile(() => opened.read(password));
    const inputs = found.accounts.map((a) => a.input);
    // A replace takes the file's accounts as they are; duplicates matter only to a merge.
    const entries: MergeEntry[] | null = opts.replace
      ? null
      : judgeMerge(vault.list(), inputs, { allowDuplicate: opts.allowDuplicate === true });
    // With --json, stdout carries only the result; the preview goes where the prompt goes.
    preview(opts.json ? ctx.err : ctx.out, name, format, found, entries);

    if (found.accounts.length === 0) {
      if (found.problems.length > 0) {
        throw new AuthdeskError(
          found.problems[0]!.code,
          `No account in ${name} can be imported (see the problems above). Nothing was changed.`,
        );
      }
      (opts.json ? ctx.err : ctx.out)(`${name} holds no accounts. Nothing was changed.`);
      if (opts.json)
        ctx.out(JSON.stringify(toJson(file, format, found, { added: [], skipped: [] })));
      return EXIT.ok;
    }

    const outcome = opts.replace
      ? await replace(ctx, vault, found, opts)
      : await confirmMerge(ctx, vault, entries!, opts, found.pictures);
    if (!outcome) {
      (opts.json ? ctx.err : ctx.out)('Nothing was imported.');
      return EXIT.ok;
    }
    if (opts.json) ctx.out(JSON.stringify(toJson(file, format, found, outcome)));
    else report(ctx, name, outcome);
    return EXIT.ok;
  } finally {
    vault.lock();
  }
}

function preview(
  print: (text: string) => void,
  name: string,
  format: ImportFormatId,
  found: Found,
  entries: MergeEntry[] | null,
): void {
  const info = found.backup?.info;
  print(
    `${name}: ${IMPORT_FORMAT_NAMES[format]}, ${found.accounts.length} account(s)` +
      (info ? ` (made ${info.createdAt} by Authdesk ${info.appVersion})` : ''),
  );
  // A replace takes every account as it is; a merge says per account what happens to it.
  if (entries === null) for (const a of found.accounts) print(`  ${accountLine(a.input)}`);
  else if (entries.length > 0) for (const line of previewLines(entries, 'file')) print(line);
  for (const missing of missingBatches(found)) print(missing);
  if (found.problems.length > 0) {
    print(`Not imported (${found.problems.length}):`);
    for (const p of found.problems) print(`  ${problemLine(p)}`);
  }
}

function problemLine(p: ImportProblem): string {
  return `${p.source}: ${p.message}${p.detail ? ` (${p.detail})` : ''}`;
}

/** A Google export split over several codes, of which this file holds only some. */
function missingBatches(found: Found): string[] {
  const byId = new Map<number, { size: number; seen: Set<number> }>();
  for (const b of found.batches) {
    const entry = byId.get(b.id) ?? { size: b.size, seen: new Set<number>() };
    entry.size = Math.max(entry.size, b.size);
    entry.seen.add(b.index);
    byId.set(b.id, entry);
  }
  return [...byId.values()]
    .filter((b) => b.seen.size < b.size)
    .map(
      (b) =>
        `Note: this Google Authenticator export has ${b.size} codes and the file holds ${b.seen.size}; ` +
        'import the others as well.',
    );
}

async function confirmMerge(
  ctx: CliContext,
  vault: Vault,
  entries: MergeEntry[],
  opts: ImportOptions,
  pictures: Found['pictures'],
): Promise<Outcome | null> {
  const count = entries.filter((e) => e.adds).length;
  if (count > 0 && !opts.yes && !(await ctx.terminal.confirm(`Import ${count} account(s)?`))) {
    return null;
  }
  return merge(vault, entries, { allowDuplicate: opts.allowDuplicate === true, pictures });
}

async function replace(
  ctx: CliContext,
  vault: Vault,
  found: Found,
  opts: ImportOptions,
): Promise<Outcome | null> {
  const current = vault.list().length;
  if (!opts.yes) {
    (opts.json ? ctx.err : ctx.out)(
      'The current vault will be kept as a copy beside it, so nothing is lost.',
    );
    const question = `Replace all ${current} account(s) in the vault with these ${found.accounts.length}?`;
    if (!(await ctx.terminal.confirm(question))) return null;
  }
  const inputs = found.accounts.map((a) => a.input);
  const groups = found.backup?.groups ?? [];
  const { added, keptCopy } = await vault.replaceAll(inputs, groups, found.pictures);
  return { added, skipped: [], keptCopy };
}

function report(ctx: CliContext, name: string, outcome: Outcome): void {
  if (outcome.keptCopy !== undefined) {
    ctx.out(`Replaced the vault's accounts with the ${outcome.added.length} from ${name}.`);
    ctx.out(`The previous vault was kept as a copy: ${outcome.keptCopy}`);
    return;
  }
  ctx.out(
    outcome.added.length > 0
      ? `Imported ${outcome.added.length} account(s) from ${name}.`
      : `Nothing was imported: no account in ${name} is new to the vault.`,
  );
  for (const skipped of outcome.skipped) ctx.out(skippedLine(skipped, 'file'));
}

/**
 * The result for scripts: names only, never a secret. Every account of the file is in `added` or in
 * `skipped`, the latter with its reason and whom it duplicates (`existing`: the vault's account;
 * `repeatOf`: the 1-based entry of the file it repeats). An added account may carry `sameNameAs`
 * (a vault account with its name and another key) or, with --allow-duplicate, `existing`.
 */
function toJson(file: string, format: ImportFormatId, found: Found, outcome: Outcome) {
  const names = ({ issuer, label }: Pick<AccountInput, 'issuer' | 'label'>) => ({ issuer, label });
  return {
    file,
    format,
    added: outcome.added.map((account, i) => ({
      ...names(account),
      ...noteOf(outcome.addedFrom?.[i]),
    })),
    skipped: outcome.skipped.map(({ input, reason, existing, repeatOf }) => ({
      ...names(input),
      reason,
      ...(existing !== undefined && { existing }),
      ...(repeatOf !== undefined && { repeatOf }),
    })),
    problems: found.problems.map(({ source, code, message, detail }) => ({
      source,
      code,
      message,
      ...(detail !== undefined && { detail }),
    })),
    ...(outcome.keptCopy !== undefined && { keptCopy: outcome.keptCopy }),
  };
}

/** What the rule said about an account that was added: the same name as, or (--allow-duplicate) the same credential as, one in the vault. */
function noteOf(entry: MergeEntry | undefined): { sameNameAs?: string; existing?: string } {
  const verdict = entry?.verdict;
  if (verdict?.kind === 'new' && verdict.sameNameAs) {
    return { sameNameAs: displayName(verdict.sameNameAs) };
  }
  if (verdict?.kind === 'in-vault') return { existing: displayName(verdict.account) };
  return {};
}

/** Errors about the file say that the vault was left alone. */
async function aboutTheFile<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!isAuthdeskError(error)) throw error;
    throw new AuthdeskError(error.code, `${error.message} Nothing was imported.`, {
      cause: error,
    });
  }
}
