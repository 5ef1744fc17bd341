// How `authdesk import` and `authdesk scan --add` show a merge: one numbered line per account saying
// what will happen to it, a summary counted from those same lines, and after the write every account
// that was not added, named with its reason (nothing is skipped silently).
import { displayName } from '../../shared/account';
import type { MergeEntry, SkippedEntry } from '../use-cases/import-file';
import { accountLine } from './account-line';

/** Where the accounts came from, as the messages name it. */
export type MergeSource = 'file' | 'images' | 'link';

/** What happens to one entry, in a few words. */
export function verdictText(entry: MergeEntry, source: MergeSource): string {
  const { verdict } = entry;
  if (verdict.kind === 'repeat') {
    return `skipped: repeat of ${verdict.of + 1} (found twice in the ${source})`;
  }
  if (verdict.kind === 'in-vault') {
    const as = `already in the vault as "${displayName(verdict.account)}"`;
    return entry.adds ? `added although ${as} (--allow-duplicate)` : `skipped: ${as}`;
  }
  return verdict.sameNameAs
    ? `new (same name as "${displayName(verdict.sameNameAs)}" in the vault, another secret key)`
    : 'new';
}

/** The numbered lines and the summary, whose numbers are counts of those lines. */
export function previewLines(entries: readonly MergeEntry[], source: MergeSource): string[] {
  const width = String(entries.length).length;
  const lines = entries.map(
    (entry, i) =>
      `  ${String(i + 1).padStart(width)}. ${accountLine(entry.input)}  ${verdictText(entry, source)}`,
  );
  return [...lines, summaryLine(entries, source)];
}

export function summaryLine(entries: readonly MergeEntry[], source: MergeSource): string {
  const adds = entries.filter((e) => e.adds).length;
  const inVault = entries.filter((e) => !e.adds && e.verdict.kind === 'in-vault').length;
  const repeats = entries.filter((e) => e.verdict.kind === 'repeat').length;
  const parts = [
    inVault > 0 ? `${inVault} already in the vault` : '',
    repeats > 0 ? `${repeats} found twice in the ${source}` : '',
  ].filter(Boolean);
  return (
    `To add: ${adds} account(s)` +
    (parts.length > 0 ? `; to skip: ${inVault + repeats} (${parts.join(', ')}).` : '.')
  );
}

/** One account not added, with its reason. */
export function skippedLine(s: SkippedEntry, source: MergeSource): string {
  const why =
    s.reason === 'twice in the file'
      ? `repeat of ${s.repeatOf} (found twice in the ${source})`
      : s.reason === 'added meanwhile'
        ? `added to the vault meanwhile (by another window or command) as "${s.existing}"`
        : `already in the vault as "${s.existing}"`;
  return `Skipped "${displayName(s.input)}": ${why}.`;
}
